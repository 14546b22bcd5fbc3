import 'server-only';
import type { ResultAnswer } from '@/lib/domain/enums';
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
 * RESULT: what the customer was promised and got (DOMAIN.md §5), from the first-answer figures
 * fixed on each case, its promises and its "did you get what you asked for?" rating.
 */
export interface ResultCounts {
  [key: string]: number;
  cases: number;
  answered: number;
  /** Answered cases that had a legal term (answered_on_time not null). */
  termAnswered: number;
  onTime: number;
  slaAnswered: number;
  slaMet: number;
  reopened: number;
  repeated: number;
  /** Answered, never reopened, no repeat contact, no information request. */
  firstContact: number;
  daysSum: number;
  daysCount: number;
  promisesKept: number;
  promisesBroken: number;
  yes: number;
  partly: number;
  no: number;
}

export interface ResultFigures {
  counts: ResultCounts;
  termsMet: number | null;
  slaMet: number | null;
  promisesKept: number | null;
  reopenRate: number | null;
  repeatRate: number | null;
  firstContactResolution: number | null;
  avgBusinessDays: number | null;
  /** Shares of yes / partly / no among the result ratings. */
  answers: Record<ResultAnswer, number | null>;
  ratings: number;
}

const ZERO: ResultCounts = {
  cases: 0,
  answered: 0,
  termAnswered: 0,
  onTime: 0,
  slaAnswered: 0,
  slaMet: 0,
  reopened: 0,
  repeated: 0,
  firstContact: 0,
  daysSum: 0,
  daysCount: 0,
  promisesKept: 0,
  promisesBroken: 0,
  yes: 0,
  partly: 0,
  no: 0,
};

export function resultFigures(counts: ResultCounts): ResultFigures {
  const ratings = counts.yes + counts.partly + counts.no;
  return {
    counts,
    termsMet: ratio(counts.onTime, counts.termAnswered),
    slaMet: ratio(counts.slaMet, counts.slaAnswered),
    promisesKept: ratio(counts.promisesKept, counts.promisesKept + counts.promisesBroken),
    reopenRate: ratio(counts.reopened, counts.answered),
    repeatRate: ratio(counts.repeated, counts.cases),
    firstContactResolution: ratio(counts.firstContact, counts.answered),
    avgBusinessDays: ratio(counts.daysSum, counts.daysCount),
    answers: {
      yes: ratio(counts.yes, ratings),
      partly: ratio(counts.partly, ratings),
      no: ratio(counts.no, ratings),
    },
    ratings,
  };
}

export interface ResultFamily {
  total: ResultFigures;
  groups: (GroupLabel & ResultFigures)[];
}

export async function resultFamily(scope: Scope): Promise<ResultFamily> {
  const group = groupSql(scope, 'c.assignee_id');
  const filter = scopeFilter(scope, 'c.assignee_id');
  type Part = Partial<ResultCounts>;
  const reads = qualityReads(scope.db);
  const [caseRows, promiseRows, answerRows] = await Promise.all([
    reads.resultCaseCounts<Part>(group, filter),
    reads.resultPromiseCounts<Part>(group, filter, scope.now),
    reads.resultAnswerCounts<Part>(group, filter),
  ]);
  const cases = byGroup(caseRows);
  const promises = byGroup(promiseRows);
  const answers = byGroup(answerRows);
  const labels = await labelGroups(scope, [...cases.keys()]);
  const countsOf = (key: GroupLabel['key']): ResultCounts => {
    const merged = { ...ZERO };
    for (const part of [cases.get(key), promises.get(key), answers.get(key)]) {
      for (const [k, v] of Object.entries(part ?? {})) {
        if (k !== 'grp' && typeof v === 'number') merged[k] = v;
      }
    }
    return merged;
  };
  const groups = labels.map((label) => ({ ...label, ...resultFigures(countsOf(label.key)) }));
  return {
    total: resultFigures(
      sumCounts(
        groups.map((g) => g.counts),
        ZERO,
      ),
    ),
    groups,
  };
}
