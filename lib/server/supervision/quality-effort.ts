import 'server-only';
import { CASE_TYPES, type CaseType } from '@/lib/domain/enums';
import {
  groupedRows,
  groupSql,
  labelGroups,
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

/**
 * Handle time per case (per case and agent when the breakdown is by agent: each agent's time on a
 * case against the target), then aggregated per `outer` group.
 */
function effortSql(scope: Scope, splitByAgent: boolean) {
  const group = groupSql(scope, 'i.staff_id');
  const filter = scopeFilter(scope, 'i.staff_id');
  return {
    sql: `SELECT h.grp AS grp, h.type_code AS typeCode, count(*) AS cases, sum(h.secs) AS seconds,
         coalesce(sum(h.secs > t.target), 0) AS casesOver,
         coalesce(sum(CASE WHEN h.secs > t.target THEN h.secs ELSE 0 END), 0) AS tailSeconds,
         coalesce(sum(CASE WHEN h.secs > t.target THEN h.secs - t.target ELSE 0 END), 0)
           AS beyondSeconds
       FROM (
         SELECT ${group.expr} AS grp, c.type_code, sum(i.handle_seconds) AS secs
         FROM cases c INDEXED BY cases_figures_idx
         JOIN interactions i ON i.case_id = c.id
         WHERE ${filter.where} AND i.handle_seconds IS NOT NULL
         GROUP BY c.id${splitByAgent ? ', i.staff_id' : ''}
       ) h
       LEFT JOIN (SELECT code, handle_target_minutes * 60 AS target FROM case_types) t
         ON t.code = h.type_code`,
    params: [...group.params, ...filter.params],
  };
}

type Row = EffortCounts & { grp: GroupKey; typeCode: CaseType };

export function effortFamily(scope: Scope): EffortFamily {
  const perCase = effortSql(scope, false);
  const types = scope.db.$client
    .prepare(`${perCase.sql} GROUP BY h.type_code`)
    .all(...perCase.params) as Row[];
  const targets = new Map(
    (
      scope.db.$client
        .prepare('SELECT code, handle_target_minutes AS minutes FROM case_types')
        .all() as { code: CaseType; minutes: number }[]
    ).map((r) => [r.code, r.minutes]),
  );
  const byType = CASE_TYPES.flatMap((typeCode) => {
    const row = types.find((r) => r.typeCode === typeCode);
    if (!row) return [];
    return [{ ...effortFigures(row), typeCode, targetMinutes: targets.get(typeCode) ?? null }];
  });
  const total = effortFigures({
    cases: sum(byType, 'cases'),
    seconds: sum(byType, 'seconds'),
    casesOver: sum(byType, 'casesOver'),
    tailSeconds: sum(byType, 'tailSeconds'),
    beyondSeconds: sum(byType, 'beyondSeconds'),
  });
  const breakdown = effortSql(scope, scope.query.by === 'agent');
  const rows = groupedRows<Row>(scope, `${breakdown.sql} GROUP BY h.grp`, breakdown.params);
  const groups = labelGroups(scope, rows.keys()).map((label) => ({
    ...label,
    ...effortFigures(rows.get(label.key)!),
  }));
  return { total, byType, groups };
}

function sum(rows: readonly EffortCounts[], key: keyof EffortCounts): number {
  return rows.reduce((a, r) => a + r[key], 0);
}
