import 'server-only';
import { createHash } from 'node:crypto';
import { desc } from 'drizzle-orm';
import type { Conn } from '@/db/client';
import { appendChained } from '@/db/pg/audit-log';
import type { PgTx } from '@/db/pg/claims';
import { isPg } from '@/db/pg/transactions';
import { driverValues, placeholders, preparedQuery } from './prepared';
import { caseEvents } from '@/db/tables';
import type { ActorRole, CaseState, EventVisibility } from '@/lib/domain/enums';

export interface NewEvent {
  caseId: number | null;
  action: string;
  actorRole: ActorRole;
  actorId: number | null;
  fromState?: CaseState | null;
  toState?: CaseState | null;
  visibility: EventVisibility;
  body?: string | null;
  data?: Record<string, unknown> | null;
  createdAt: Date;
}

/** The fields an event's hash covers, in a fixed order, so any later edit breaks the chain. */
export function hashEvent(prevHash: string | null, e: NewEvent): string {
  const canonical = JSON.stringify([
    prevHash,
    e.caseId,
    e.action,
    e.actorRole,
    e.actorId,
    e.fromState ?? null,
    e.toState ?? null,
    e.visibility,
    e.body ?? null,
    e.data ?? null,
    e.createdAt.getTime(),
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * Text exactly as SQLite will store it: a lone UTF-16 surrogate (JSON's `"\ud800"`, which no
 * keyboard types but any client can send) becomes U+FFFD in the database's UTF-8. Hashed before
 * that, the stored row would no longer match its hash and the chain would report tampering.
 */
export function wellFormed(text: string): string {
  return text.replace(
    /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    '\ufffd',
  );
}

/**
 * Appends to the audit history. Must run inside the write transaction of the change it records
 * (an IMMEDIATE transaction holds SQLite's write lock; on PostgreSQL an advisory lock orders the
 * appends, db/pg/audit-log.ts), so the chain cannot fork.
 */
export async function appendEvent(tx: Conn, event: NewEvent): Promise<number> {
  const e = typeof event.body === 'string' ? { ...event, body: wellFormed(event.body) } : event;
  const insert = async (prevHash: string | null) => {
    const row = await insertEvent(tx).get(
      driverValues(caseEvents, {
        caseId: e.caseId,
        action: e.action,
        actorRole: e.actorRole,
        actorId: e.actorId,
        fromState: e.fromState ?? null,
        toState: e.toState ?? null,
        visibility: e.visibility,
        body: e.body ?? null,
        data: e.data ?? null,
        createdAt: e.createdAt,
        prevHash,
        hash: hashEvent(prevHash, e),
      }),
    );
    return row!.id;
  };
  if (isPg(tx)) return appendChained(tx as unknown as PgTx, insert);
  return insert((await lastHash(tx).get())?.hash ?? null);
}

// Every write of the app appends here: both statements are built once per connection.
const lastHash = preparedQuery((db) =>
  db
    .select({ hash: caseEvents.hash })
    .from(caseEvents)
    .orderBy(desc(caseEvents.id))
    .limit(1)
    .prepare(),
);

const EVENT_COLUMNS = [
  'caseId',
  'action',
  'actorRole',
  'actorId',
  'fromState',
  'toState',
  'visibility',
  'body',
  'data',
  'createdAt',
  'prevHash',
  'hash',
] as const;

const insertEvent = preparedQuery((db) =>
  db
    .insert(caseEvents)
    .values(placeholders(EVENT_COLUMNS))
    .returning({ id: caseEvents.id })
    .prepare(),
);
