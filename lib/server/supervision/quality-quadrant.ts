import 'server-only';
import { instantParam } from '@/db/dialect';
import { OPEN_STATES } from '@/lib/domain/enums';
import type { AnalyticsQuery } from '@/lib/validation/analytics-query';
import type { Ctx } from '../core/context';
import { requireRole } from '../core/guard';
import { drillDownCsv, listDrillDown, type DrillDownCsvText } from './drill-down';
import type { SqlFilter } from './filters';
import { CASE_SCORE_MARGIN_SQL } from './quality-process';
import { qualityReads, scopeFilter, scopeOf, type Scope } from './quality-shared';

/**
 * The quadrant (DOMAIN.md §6): result × process for each case received in the period.
 * - on time: answered within its legal term (answered_on_time = 1);
 * - late: answered after its due date (answered_on_time = 0), or not answered yet and past due;
 * - well treated: all its process ratings (customers' courtesy and clarity, supervisors' five
 *   rubric scores) averaged together ≥ 4; badly treated: < 4; no rating at all: counted apart.
 * Cases with neither verdict on time (open within term, no legal term, ended unanswered) are left
 * out of the quadrant.
 */
export const TIMINGS = ['on_time', 'late'] as const;
export const TREATMENTS = ['well', 'badly', 'unrated'] as const;
export type Timing = (typeof TIMINGS)[number];
export type Treatment = (typeof TREATMENTS)[number];
export const QUADRANTS = TIMINGS.flatMap((t) => TREATMENTS.map((r) => `${t}_${r}` as const));
export type Quadrant = (typeof QUADRANTS)[number];

const OPEN = OPEN_STATES.map((s) => `'${s}'`).join(', ');

/**
 * Which cases are on time or late at `now` (bound as the engine's instant, `instantParam`), on
 * `cases c`; written for both engines.
 */
export function timingCondition(timing: Timing, now: string | number): SqlFilter {
  return timing === 'on_time'
    ? { where: 'c.answered_on_time = TRUE', params: [] }
    : {
        where: `(c.answered_on_time = FALSE OR (c.first_answered_at IS NULL
          AND c.state IN (${OPEN}) AND c.due_at < ?))`,
        params: [now],
      };
}

const TREATMENT_SQL: Record<Treatment, string> = {
  well: `${CASE_SCORE_MARGIN_SQL} >= 0`,
  badly: `${CASE_SCORE_MARGIN_SQL} < 0`,
  unrated: `${CASE_SCORE_MARGIN_SQL} IS NULL`,
};

export function parseQuadrant(value: unknown): Quadrant | null {
  return QUADRANTS.includes(value as Quadrant) ? (value as Quadrant) : null;
}

export function splitQuadrant(q: Quadrant): { timing: Timing; treatment: Treatment } {
  const timing = q.startsWith('on_time') ? 'on_time' : 'late';
  return { timing, treatment: q.slice(timing.length + 1) as Treatment };
}

/** The extra condition on `c` that selects one quadrant's cases (for listDrillDown/drillDownCsv). */
export function quadrantCondition(quadrant: Quadrant, now: Date): SqlFilter {
  const { timing, treatment } = splitQuadrant(quadrant);
  const t = timingCondition(timing, instantParam(now));
  return { where: `${t.where} AND ${TREATMENT_SQL[treatment]}`, params: t.params };
}

export type QuadrantCounts = Record<Quadrant, number>;

export async function quadrantCounts(scope: Scope): Promise<QuadrantCounts> {
  const filter = scopeFilter(scope, 'c.assignee_id');
  const late = timingCondition('late', instantParam(scope.now));
  const rows = await qualityReads(scope.db).quadrantRows<Timing, Treatment>(
    filter,
    late,
    CASE_SCORE_MARGIN_SQL,
  );
  const counts = Object.fromEntries(QUADRANTS.map((q) => [q, 0])) as QuadrantCounts;
  for (const r of rows) counts[`${r.timing}_${r.treatment}`] = r.n;
  return counts;
}

export interface QuadrantCasesInput {
  query: AnalyticsQuery;
  quadrant: Quadrant;
  page: number;
}

/** One page of a quadrant's cases (the drill-down behind a cell). */
export async function listQuadrantCases(ctx: Ctx, input: QuadrantCasesInput) {
  requireRole(ctx.actor, 'supervision');
  const scope = await scopeOf(ctx, input.query);
  return listDrillDown(
    scope.db,
    scopeFilter(scope, 'c.assignee_id'),
    quadrantCondition(input.quadrant, scope.now),
    input.page,
  );
}

/** All of a quadrant's cases as a streamed CSV; `header` in the user's language. */
export async function quadrantCasesCsv(
  ctx: Ctx,
  input: Omit<QuadrantCasesInput, 'page'>,
  extras: { text: DrillDownCsvText },
): Promise<Response> {
  requireRole(ctx.actor, 'supervision');
  const scope = await scopeOf(ctx, input.query);
  const { query, quadrant } = input;
  return drillDownCsv(
    scope.db,
    `calidad-${quadrant}-${query.from}-${query.to}.csv`,
    extras.text,
    scopeFilter(scope, 'c.assignee_id'),
    quadrantCondition(quadrant, scope.now),
  );
}
