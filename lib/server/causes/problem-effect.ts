import 'server-only';
import type { Conn } from '@/db/client';
import * as liteCounts from '@/db/sql/problem-effect';
import * as pgCounts from '@/db/pg/job-reads';
import { isPg, pgQueryable } from '@/db/pg/transactions';
import type { ProblemRow } from './problem-parts';

const WEEK_MS = 7 * 86_400_000;
/** The effect compares the 8 weeks before the fix with (up to) the 8 weeks after it. */
export const EFFECT_WEEKS = 8;

export interface EffectWindow {
  from: Date;
  to: Date;
  complaints: number;
  weeks: number;
  /** Complaints per week; null while the window is shorter than a week. */
  weekly: number | null;
}

export interface ProblemEffect {
  linkedCases: number;
  /** What "complaints of this cause" means here: its root cause, or its whole process. */
  scope: 'rootCause' | 'process' | null;
  /** Resolved: the 8 weeks before resolvedAt. Not resolved: the 8 weeks before now (baseline). */
  before: EffectWindow | null;
  /** From resolvedAt to now, at most 8 weeks; null while the problem is not resolved. */
  after: EffectWindow | null;
  /** Relative change of the weekly rate, after vs before (−0.5 = halved). */
  change: number | null;
}

type CauseScope = { column: 'root_cause_id' | 'process_id'; id: number };

/** The counts on `db`'s engine: db/pg/job-reads.ts on PostgreSQL, else db/sql/problem-effect.ts. */
async function countCauseComplaints(db: Conn, scope: CauseScope, from: Date, to: Date) {
  return isPg(db)
    ? await pgCounts.countCauseComplaints(pgQueryable(db), scope, from, to)
    : liteCounts.countCauseComplaints(db, scope, from, to);
}

async function countLinkedCases(db: Conn, problemId: number) {
  return isPg(db)
    ? await pgCounts.countLinkedCases(pgQueryable(db), problemId)
    : liteCounts.countLinkedCases(db, problemId);
}

async function windowOf(db: Conn, scope: CauseScope, from: Date, to: Date): Promise<EffectWindow> {
  const complaints = await countCauseComplaints(db, scope, from, to);
  const weeks = (to.getTime() - from.getTime()) / WEEK_MS;
  // A rate over a few days would swing wildly (one complaint on day 2 reads as 3.5 a week).
  return { from, to, complaints, weeks, weekly: weeks >= 1 ? complaints / weeks : null };
}

/**
 * Did fixing it help? New complaints (by date received) of the problem's cause per week, in the 8
 * weeks before it was resolved against the weeks since (capped at 8). Complaints count once they
 * are attributed to the cause, so recent weeks can still grow as open cases get classified.
 */
export async function problemEffect(
  db: Conn,
  problem: ProblemRow,
  now: Date,
): Promise<ProblemEffect> {
  const linkedCases = await countLinkedCases(db, problem.id);
  const scope =
    problem.rootCauseId !== null
      ? { kind: 'rootCause' as const, column: 'root_cause_id' as const, id: problem.rootCauseId }
      : problem.processId !== null
        ? { kind: 'process' as const, column: 'process_id' as const, id: problem.processId }
        : null;
  if (!scope) return { linkedCases, scope: null, before: null, after: null, change: null };
  const resolvedAt = problem.status === 'resolved' ? problem.resolvedAt : null;
  const pivot = resolvedAt ?? now;
  const from = new Date(pivot.getTime() - EFFECT_WEEKS * WEEK_MS);
  const before = await windowOf(db, scope, from, pivot);
  if (!resolvedAt) return { linkedCases, scope: scope.kind, before, after: null, change: null };
  const end = Math.min(now.getTime(), pivot.getTime() + EFFECT_WEEKS * WEEK_MS);
  const after = await windowOf(db, scope, pivot, new Date(Math.max(end, pivot.getTime())));
  const change =
    after.weekly !== null && before.weekly !== null && before.weekly > 0
      ? (after.weekly - before.weekly) / before.weekly
      : null;
  return { linkedCases, scope: scope.kind, before, after, change };
}
