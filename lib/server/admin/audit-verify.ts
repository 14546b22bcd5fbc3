import 'server-only';
import { iterateAuditChain, type StoredEventRow } from '@/db/sql/audit-log';
import type { ActorRole, CaseState, EventVisibility } from '@/lib/domain/enums';
import { hashEvent } from '../core/audit';
import type { Ctx } from '../core/context';
import { openExportConnection } from '../core/csv';
import { requireRole } from '../core/guard';
import { databaseOf } from '@/db/client';
import { pgAuditChain } from '@/db/pg/audit-log';
import type { PgDb } from '@/db/pg/client';
import { isPg, pgDatabaseOf } from '@/db/pg/transactions';

/** The outcome of walking the whole chain: intact with its length, or the FIRST broken link. */
export type ChainReport =
  | { intact: true; events: number; lastId: number | null; ms: number }
  | {
      intact: false;
      events: number;
      ms: number;
      /** The first event whose link does not hold. */
      eventId: number;
      /**
       * prev_hash: its prev_hash is not the previous event's hash (a row removed, inserted or its
       * link edited); content: its fields no longer hash to its stored hash (the row was edited).
       */
      kind: 'prev_hash' | 'content';
      expected: string | null;
      found: string | null;
    };

/** A stored row with its enum columns as the hash saw them. */
type StoredEvent = StoredEventRow & {
  actor_role: ActorRole;
  from_state: CaseState | null;
  to_state: CaseState | null;
  visibility: EventVisibility;
};

/** Recomputes one stored row's hash exactly as appendEvent computed it. */
function recompute(row: StoredEvent): string {
  return hashEvent(row.prev_hash, {
    caseId: row.case_id,
    action: row.action,
    actorRole: row.actor_role,
    actorId: row.actor_id,
    fromState: row.from_state,
    toState: row.to_state,
    visibility: row.visibility,
    body: row.body,
    data: row.data === null ? null : (JSON.parse(row.data) as Record<string, unknown>),
    createdAt: new Date(row.created_at),
  });
}

/** Why one link does not hold, or null when it does. */
export type BrokenLink = Pick<
  Extract<ChainReport, { intact: false }>,
  'kind' | 'expected' | 'found'
> | null;

/**
 * Checks one stored event against the hash of the event before it (`previous`, null for the first):
 * its prev_hash must be that hash, and its own fields must still hash to its stored hash. The full
 * walk below and the background verification (chain-verification.ts) share it.
 */
export function checkLink(previous: string | null, row: StoredEventRow): BrokenLink {
  if (row.prev_hash !== previous) {
    return { kind: 'prev_hash', expected: previous, found: row.prev_hash };
  }
  const expected = recompute(row as StoredEvent);
  return expected === row.hash ? null : { kind: 'content', expected, found: row.hash };
}

/**
 * Walks every event in id order on a read-only connection of its own, one row at a time (iterate:
 * memory stays flat for millions of events), checking that each prev_hash is the previous event's
 * hash and that each row still hashes to its stored hash. Stops at the first broken link.
 */
export async function verifyAuditChain(ctx: Ctx): Promise<ChainReport> {
  requireRole(ctx.actor, 'admin');
  // The walk's duration is measured, not the business clock: `ctx.now` stays for the data.
  const started = Date.now();
  if (isPg(ctx.db)) {
    const pool = (pgDatabaseOf(ctx.db) as unknown as PgDb).$client;
    return await walkChain(pgAuditChain(pool), started);
  }
  const reader = openExportConnection(databaseOf(ctx.db));
  try {
    return await walkChain(iterateAuditChain(reader), started);
  } finally {
    reader.close();
  }
}

/** Checks the chain's links in id order; stops at the first broken one. */
async function walkChain(
  rows: Iterator<StoredEventRow> | AsyncIterator<StoredEventRow>,
  started: number,
): Promise<ChainReport> {
  let previous: string | null = null;
  let events = 0;
  let lastId: number | null = null;
  for (let next = await rows.next(); !next.done; next = await rows.next()) {
    const row = next.value;
    events += 1;
    const broken = checkLink(previous, row);
    if (broken) {
      await rows.return?.();
      return { intact: false, events, ms: Date.now() - started, eventId: row.id, ...broken };
    }
    previous = row.hash;
    lastId = row.id;
  }
  return { intact: true, events, lastId, ms: Date.now() - started };
}
