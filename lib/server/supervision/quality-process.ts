import 'server-only';
import type { ScoreCount } from '@/db/sql/quality';
import type { QualitySource } from '@/lib/domain/enums';
import {
  byGroup,
  groupSql,
  labelGroups,
  qualityReads,
  ratio,
  scopeFilter,
  sumCounts,
  type GroupLabel,
  type Scope,
} from './quality-shared';

/**
 * PROCESS: how the interactions felt (DOMAIN.md §6): the customers' courtesy and clarity, the
 * supervisors' rubric, and how many replies went out as an unchanged template. Every rating is a
 * distribution 1–5 with its top box (5 of 5), because a "satisfied" 4 is not a loyal 5.
 */
export const PROCESS_CRITERIA = [
  { key: 'customerCourtesy', source: 'customer', column: 'courtesy' },
  { key: 'customerClarity', source: 'customer', column: 'clarity' },
  { key: 'greeting', source: 'supervisor', column: 'greeting' },
  { key: 'clarity', source: 'supervisor', column: 'clarity' },
  { key: 'empathy', source: 'supervisor', column: 'empathy' },
  { key: 'accuracy', source: 'supervisor', column: 'accuracy' },
  { key: 'personalTouch', source: 'supervisor', column: 'personal_touch' },
] as const satisfies readonly { key: string; source: QualitySource; column: string }[];
export type ProcessCriterion = (typeof PROCESS_CRITERIA)[number]['key'];
export const REVIEW_CRITERIA = PROCESS_CRITERIA.filter((c) => c.source === 'supervisor');

const SCORES = [1, 2, 3, 4, 5] as const;

export interface Distribution {
  /** How many ratings gave 1, 2, 3, 4 and 5. */
  counts: [number, number, number, number, number];
  total: number;
  average: number | null;
  /** Share of 5 of 5. */
  topBox: number | null;
}

export function distributionOf(counts: readonly number[]): Distribution {
  const c = SCORES.map((_, i) => counts[i] ?? 0) as Distribution['counts'];
  const total = c.reduce((a, b) => a + b, 0);
  const sum = c.reduce((a, n, i) => a + n * (i + 1), 0);
  return { counts: c, total, average: ratio(sum, total), topBox: ratio(c[4], total) };
}

const countColumn = (criterion: string, score: number) => `${criterion}_${score}`;

/** The distributions' counts: customer ratings with courtesy 1 as `customerCourtesy_1`, … */
export const SCORE_COUNTS: readonly ScoreCount[] = PROCESS_CRITERIA.flatMap((c) =>
  SCORES.map((score) => ({
    alias: countColumn(c.key, score),
    source: c.source,
    column: c.column,
    score,
  })),
);

/**
 * The SQL expression for a case's process score ("well treated" ≥ 4): every criterion of every
 * rating of the case averaged together — the customers' courtesy and clarity and the supervisors'
 * five rubric scores. Returned as sum − 4 × count (an integer: ≥ 0 means an average ≥ 4), NULL
 * when the case has no rating. Written for both engines (PostgreSQL adds no booleans up).
 */
function caseScoreParts(): { sum: string; count: string } {
  const bySource = (pick: (column: string) => string, join: string) =>
    `CASE qr.source ${(['customer', 'supervisor'] as const)
      .map(
        (source) =>
          `WHEN '${source}' THEN ${PROCESS_CRITERIA.filter((c) => c.source === source)
            .map((c) => pick(`qr.${c.column}`))
            .join(join)}`,
      )
      .join(' ')} ELSE 0 END`;
  return {
    sum: bySource((col) => `coalesce(${col}, 0)`, ' + '),
    count: bySource((col) => `(CASE WHEN ${col} IS NOT NULL THEN 1 ELSE 0 END)`, ' + '),
  };
}
const PARTS = caseScoreParts();
export const CASE_SCORE_MARGIN_SQL = `(SELECT CASE WHEN sum(${PARTS.count}) > 0
  THEN sum(${PARTS.sum}) - 4 * sum(${PARTS.count}) END
  FROM quality_ratings qr WHERE qr.case_id = c.id)`;

type ProcessCounts = Record<string, number> & {
  customerRatings: number;
  reviews: number;
  replies: number;
  canned: number;
};

export interface ProcessFigures {
  criteria: Record<ProcessCriterion, Distribution>;
  /** All five rubric scores of the supervisors' reviews together. */
  review: Distribution;
  customerRatings: number;
  reviews: number;
  replies: number;
  canned: number;
  cannedShare: number | null;
}

const ZERO = Object.fromEntries([
  ...PROCESS_CRITERIA.flatMap((c) => SCORES.map((s) => [countColumn(c.key, s), 0])),
  ['customerRatings', 0],
  ['reviews', 0],
  ['replies', 0],
  ['canned', 0],
]) as ProcessCounts;

function processFigures(counts: ProcessCounts): ProcessFigures {
  const criteria = Object.fromEntries(
    PROCESS_CRITERIA.map((c) => [
      c.key,
      distributionOf(SCORES.map((s) => counts[countColumn(c.key, s)] ?? 0)),
    ]),
  ) as Record<ProcessCriterion, Distribution>;
  const review = distributionOf(
    SCORES.map((_, i) => REVIEW_CRITERIA.reduce((a, c) => a + criteria[c.key].counts[i]!, 0)),
  );
  return {
    criteria,
    review,
    customerRatings: counts.customerRatings,
    reviews: counts.reviews,
    replies: counts.replies,
    canned: counts.canned,
    cannedShare: ratio(counts.canned, counts.replies),
  };
}

export interface ProcessFamily {
  total: ProcessFigures;
  groups: (GroupLabel & ProcessFigures)[];
}

export async function processFamily(scope: Scope): Promise<ProcessFamily> {
  const ratingGroup = groupSql(scope, 'qr.agent_id');
  const ratingFilter = scopeFilter(scope, 'qr.agent_id');
  const replyGroup = groupSql(scope, 'i.staff_id');
  const replyFilter = scopeFilter(scope, 'i.staff_id');
  type Part = Partial<ProcessCounts>;
  const reads = qualityReads(scope.db);
  const [ratingRows, replyRows] = await Promise.all([
    reads.processRatingCounts<Part>(ratingGroup, ratingFilter, SCORE_COUNTS),
    reads.processReplyCounts<Part>(replyGroup, replyFilter),
  ]);
  const ratings = byGroup(ratingRows);
  const replies = byGroup(replyRows);
  const labels = await labelGroups(scope, [...ratings.keys(), ...replies.keys()]);
  const groupCounts = labels.map((label) => {
    const counts = { ...ZERO };
    for (const part of [ratings.get(label.key), replies.get(label.key)]) {
      for (const [k, v] of Object.entries(part ?? {})) {
        if (k !== 'grp' && typeof v === 'number') counts[k] = v;
      }
    }
    return { label, counts };
  });
  return {
    total: processFigures(
      sumCounts(
        groupCounts.map((g) => g.counts),
        ZERO,
      ),
    ),
    groups: groupCounts.map((g) => ({ ...g.label, ...processFigures(g.counts) })),
  };
}
