import 'server-only';
import { first } from '@/db/rows';
import { eq } from 'drizzle-orm';
import type { Conn } from '@/db/client';
import { cases, teams } from '@/db/tables';
import { getOrganization } from '../core/organization';
import { ringBell } from './ring-bell';
import { activeIds } from './staff-alerts';
import { formatInstant, promiseWords, serverTranslator } from './translator';

export type PromiseAlertKind = 'promise_due_soon' | 'promise_broken';

export interface PromiseRow {
  id: number;
  caseId: number;
  description: string;
  dueAt: Date;
  /** Who owes it (add_promise: the case's assignee, else whoever made it). */
  ownerId: number | null;
  /** Who made it (null for a call-back the petitioner asked for on the portal). */
  createdById: number | null;
}

/**
 * Whose promise it is: the first still active of its owner, its maker, the case's assignee and
 * the case's team supervisor (whoever answers for the case once the promise's people are gone).
 */
async function promiseHolder(tx: Conn, p: PromiseRow): Promise<number[]> {
  const c = await first(
    tx
      .select({ assigneeId: cases.assigneeId, supervisorId: teams.supervisorId })
      .from(cases)
      .leftJoin(teams, eq(teams.id, cases.teamId))
      .where(eq(cases.id, p.caseId)),
  );
  const [holder] = await activeIds(tx, [
    p.ownerId,
    p.createdById,
    c?.assigneeId ?? null,
    c?.supervisorId ?? null,
  ]);
  return holder === undefined ? [] : [holder];
}

/**
 * "A promise of mine is due within the hour" and "… broke" (issue 14 §3): once per promise and
 * person, never to the person who caused it, with its e-mail as they prefer. Runs in the
 * transaction that finds or records it.
 */
export async function alertPromise(
  tx: Conn,
  a: { promise: PromiseRow; kind: PromiseAlertKind; actorId: number | null; now: Date },
): Promise<number> {
  const { promise: p } = a;
  const { timeZone } = await getOrganization(tx);
  let sent = 0;
  for (const userId of (await promiseHolder(tx, p)).filter((id) => id !== a.actorId)) {
    const rang = await ringBell(tx, {
      userId,
      caseId: p.caseId,
      kind: a.kind,
      dedupeKey: `${a.kind}.${p.id}.${userId}`,
      now: a.now,
      details: (locale) => {
        const due = formatInstant(locale, p.dueAt, timeZone);
        const promise = promiseWords(serverTranslator(locale), p.description);
        return { promise, dueDate: due.date, dueTime: due.time };
      },
    });
    if (rang) sent += 1;
  }
  return sent;
}
