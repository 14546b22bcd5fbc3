import { checkedAlias, type EffortOptions, type QualityReads, type SqlExpr } from '../sql/quality';
import type { SqlWhere } from '../sql/drill-down';
import { numbered, type Queryable } from './client';

/**
 * The statements of /calidad (db/sql/quality.ts) on PostgreSQL, with SQLite's answers and row
 * shapes: counts as numbers, the same aliases. The view's filter and group expressions are written
 * for both engines (booleans compared with TRUE, instants bound as `instantParam` gives them); their
 * `?` are numbered here. A condition is counted with `count(*) FILTER (WHERE …)`, where SQLite sums
 * it as 0 or 1.
 */

async function all<T>(db: Queryable, text: string, params: readonly unknown[]): Promise<T[]> {
  const { rows } = await db.query<T & Record<string, unknown>>(numbered(text), [...params]);
  return rows;
}

/** How many rows of the group meet `condition`. */
const countWhere = (condition: string) => `count(*) FILTER (WHERE ${condition})`;

/**
 * A grouped aggregate over the cases of the filter: `joins` what is counted per case, `where` a
 * condition on it, `columnParams` the bound values of the columns.
 */
function grouped<T>(
  db: Queryable,
  group: SqlExpr,
  filter: SqlWhere,
  columns: string,
  more: { joins?: string; where?: string; columnParams?: readonly unknown[] } = {},
): Promise<T[]> {
  return all<T>(
    db,
    `SELECT ${group.expr} AS grp, ${columns}
     FROM cases c ${more.joins ?? ''}
     WHERE ${filter.where} ${more.where ?? ''}
     GROUP BY grp`,
    [...group.params, ...(more.columnParams ?? []), ...filter.params],
  );
}

function effortSql(group: SqlExpr, filter: SqlWhere, options: EffortOptions) {
  const perType = options.groupBy === 'type';
  const beyond = 'h.secs > t.target';
  return {
    text: `SELECT ${perType ? 'NULL' : 'h.grp'} AS grp, h.type_code AS "typeCode", count(*) AS cases,
         sum(h.secs) AS seconds,
         ${countWhere(beyond)} AS "casesOver",
         coalesce(sum(h.secs) FILTER (WHERE ${beyond}), 0) AS "tailSeconds",
         coalesce(sum(h.secs - t.target) FILTER (WHERE ${beyond}), 0) AS "beyondSeconds"
       FROM (
         SELECT ${perType ? 'NULL' : group.expr} AS grp, c.type_code,
           sum(i.handle_seconds) AS secs
         FROM cases c
         JOIN interactions i ON i.case_id = c.id
         WHERE ${filter.where} AND i.handle_seconds IS NOT NULL
         GROUP BY c.id${options.splitByAgent ? ', i.staff_id' : ''}
       ) h
       LEFT JOIN (SELECT code, handle_target_minutes * 60 AS target FROM case_types) t
         ON t.code = h.type_code
       ${perType ? 'GROUP BY h.type_code' : 'GROUP BY h.grp, h.type_code'}`,
    params: [...(perType ? [] : group.params), ...filter.params],
  };
}

/** The reads of /calidad on PostgreSQL (`db`: the pool, or a transaction's connection). */
export function pgQualityReads(db: Queryable): QualityReads {
  return {
    namesByIds: (table, ids) =>
      all(db, `SELECT id, name FROM ${table} WHERE id = ANY(?::bigint[])`, [ids]),

    resultCaseCounts: (group, filter) =>
      grouped(
        db,
        group,
        filter,
        `count(*) AS cases,
         count(c.first_answered_at) AS answered,
         count(c.answered_on_time) AS "termAnswered",
         ${countWhere('c.answered_on_time')} AS "onTime",
         count(c.sla_met) AS "slaAnswered",
         ${countWhere('c.sla_met')} AS "slaMet",
         ${countWhere('c.reopen_count > 0')} AS reopened,
         ${countWhere('c.repeat_contact_count > 0')} AS repeated,
         ${countWhere(`c.first_answered_at IS NOT NULL AND c.reopen_count = 0
           AND c.repeat_contact_count = 0
           AND NOT EXISTS (SELECT 1 FROM case_pauses cp
                             WHERE cp.case_id = c.id AND cp.suspension_id IS NULL)`)}
           AS "firstContact",
         coalesce(sum(c.answer_business_days), 0) AS "daysSum",
         count(c.answer_business_days) AS "daysCount"`,
      ),

    resultPromiseCounts: (group, filter, now) =>
      grouped(
        db,
        group,
        filter,
        `${countWhere("p.status = 'kept'")} AS "promisesKept",
         ${countWhere("p.status = 'broken' OR (p.status = 'pending' AND p.due_at < ?)")}
           AS "promisesBroken"`,
        {
          joins: 'JOIN promises p ON p.case_id = c.id',
          where: "AND p.status <> 'renegotiated'",
          columnParams: [now.toISOString()],
        },
      ),

    resultAnswerCounts: (group, filter) =>
      grouped(
        db,
        group,
        filter,
        `${countWhere("rr.answer = 'yes'")} AS yes, ${countWhere("rr.answer = 'partly'")} AS partly,
         ${countWhere("rr.answer = 'no'")} AS no`,
        { joins: 'JOIN result_ratings rr ON rr.case_id = c.id' },
      ),

    processRatingCounts: (group, filter, scores) =>
      grouped(
        db,
        group,
        filter,
        [
          `${countWhere("qr.source = 'customer'")} AS "customerRatings"`,
          `${countWhere("qr.source = 'supervisor'")} AS reviews`,
          ...scores.map(
            (s) =>
              `${countWhere(`qr.source = '${s.source}' AND qr.${s.column} = ${s.score}`)} AS "${checkedAlias(s.alias)}"`,
          ),
        ].join(',\n         '),
        { joins: 'JOIN quality_ratings qr ON qr.case_id = c.id' },
      ),

    processReplyCounts: (group, filter) =>
      grouped(db, group, filter, `count(*) AS replies, ${countWhere('i.is_canned')} AS canned`, {
        joins: 'JOIN interactions i ON i.case_id = c.id',
        where: "AND i.direction = 'outbound' AND i.kind = 'reply'",
      }),

    effortCounts: (group, filter, options) => {
      const { text, params } = effortSql(group, filter, options);
      return all(db, text, params);
    },

    handleTargets: () =>
      all(db, 'SELECT code, handle_target_minutes AS minutes FROM case_types', []),

    quadrantRows: (filter, late, scoreMargin) =>
      all(
        db,
        // MATERIALIZED: each case's score is computed once, not once per reference to it.
        `WITH per_case AS MATERIALIZED (
             SELECT CASE WHEN c.answered_on_time THEN 'on_time' ELSE 'late' END AS timing,
               ${scoreMargin} AS m
             FROM cases c
             WHERE ${filter.where} AND (c.answered_on_time OR ${late.where})
           )
           SELECT timing,
             CASE WHEN m IS NULL THEN 'unrated' WHEN m >= 0 THEN 'well' ELSE 'badly' END
               AS treatment,
             count(*) AS n
           FROM per_case
           GROUP BY timing, treatment`,
        [...filter.params, ...late.params],
      ),
  };
}
