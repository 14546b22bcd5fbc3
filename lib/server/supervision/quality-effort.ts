import 'server-only';
import { CASE_TYPES, type CaseType } from '@/lib/domain/enums';
import {
  groupSql,
  labelGroups,
  qualityReads,
  ratio,
  scopeFilter,
  type GroupKey,
  type GroupLabel,
  type Scope,
} from './quality-shared';

/**
 * EFFORT: the agents' handle time (interactions.handle_seconds, typed with each reply, answer,
 * information request or logged interaction), summed per case and compared with the case type's
 * target (case_types.handle_target_minutes). The long tail is the handle time of the cases whose
 * total went past the target. Cases received in the period with some handle time recorded.
 */
export interface EffortCounts {
  /** Cases with handle time recorded. */
  cases: number;
  seconds: number;
  /** Cases whose total handle time exceeds their type's target. */
  casesOver: number;
  /** All handle time of those cases. */
  tailSeconds: number;
  /** Only the part beyond the target. */
  beyondSeconds: number;
}

export interface EffortFigures extends EffortCounts {
  averageMinutes: number | null;
  /** tailSeconds ÷ seconds. */
  tailShare: number | null;
  overShare: number | null;
}

function effortFigures(c: EffortCounts): EffortFigures {
  return {
    cases: c.cases,
    seconds: c.seconds,
    casesOver: c.casesOver,
    tailSeconds: c.tailSeconds,
    beyondSeconds: c.beyondSeconds,
    averageMinutes: ratio(c.seconds / 60, c.cases),
    tailShare: ratio(c.tailSeconds, c.seconds),
    overShare: ratio(c.casesOver, c.cases),
  };
}

export interface TypeEffort extends EffortFigures {
  typeCode: CaseType;
  targetMinutes: number | null;
}

export interface EffortFamily {
  total: EffortFigures;
  byType: TypeEffort[];
  groups: (GroupLabel & EffortFigures)[];
}

/** Handle time per case (per case and agent when split by agent), per `groupBy`. */
function effortRows(scope: Scope, splitByAgent: boolean, groupBy: 'groupAndType' | 'type') {
  return qualityReads(scope.db).effortCounts<Row>(
    groupSql(scope, 'i.staff_id'),
    scopeFilter(scope, 'i.staff_id'),
    { splitByAgent, groupBy },
  );
}

type Row = EffortCounts & { grp: GroupKey; typeCode: CaseType };

const COUNT_KEYS = ['cases', 'seconds', 'casesOver', 'tailSeconds', 'beyondSeconds'] as const;

/** Adds up rows of (group × type) counts: each case sits in exactly one of them. */
function sumRows(rows: readonly EffortCounts[]): EffortCounts {
  const total: EffortCounts = {
    cases: 0,
    seconds: 0,
    casesOver: 0,
    tailSeconds: 0,
    beyondSeconds: 0,
  };
  for (const r of rows) for (const k of COUNT_KEYS) total[k] += r[k];
  return total;
}

export async function effortFamily(scope: Scope): Promise<EffortFamily> {
  const isByAgent = scope.query.by === 'agent';
  // One pass grouped by (group, type) gives both the breakdown and the per-type figures, except
  // by agent: there a case's time is split per agent, while per type it stays whole.
  const [cells, splitPerType, targetRows] = await Promise.all([
    effortRows(scope, isByAgent, 'groupAndType'),
    isByAgent ? effortRows(scope, false, 'type') : null,
    qualityReads(scope.db).handleTargets(),
  ]);
  const perType = splitPerType ?? cells;
  const targets = new Map(targetRows.map((r) => [r.code, r.minutes]));
  const byType = CASE_TYPES.flatMap((typeCode) => {
    const rows = perType.filter((r) => r.typeCode === typeCode);
    if (rows.length === 0) return [];
    return [
      { ...effortFigures(sumRows(rows)), typeCode, targetMinutes: targets.get(typeCode) ?? null },
    ];
  });
  const labels = await labelGroups(
    scope,
    cells.map((r) => r.grp),
  );
  const groups = labels.map((label) => ({
    ...label,
    ...effortFigures(sumRows(cells.filter((r) => r.grp === label.key))),
  }));
  return { total: effortFigures(sumRows(byType)), byType, groups };
}
