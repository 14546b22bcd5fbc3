import type { Conn } from '../client';
import { type SqlWhere } from './drill-down';
import { readAll } from '../read-pool';

/**
 * The statements of /calidad (lib/server/supervision/quality-*.ts say what each figure means). The
 * filter and the group expression come from the view (bound values only); every aggregate reads the
 * cases of the period from the covering index cases_figures_idx. The aggregates are the heavy reads
 * of a supervisor's page: they run in the read pool (db/read-pool.ts), off the request thread.
 * db/pg/quality.ts answers the same questions (QualityReads) on PostgreSQL.
 */

/** A SQL expression naming a row's group, with its bound values (groupSql). */
export interface SqlExpr {
  expr: string;
  params: readonly (string | number)[];
}

export type GroupKey = string | number | null;
export type Grouped<T> = T & { grp: GroupKey };

/** One count of the rating distributions: ratings of `source` that gave `column` the `score`. */
export interface ScoreCount {
  alias: string;
  source: 'customer' | 'supervisor';
  column: string;
  score: number;
}

/** The name tables of the breakdowns. */
export type NameTable = 'teams' | 'staff_users' | 'processes';

/** Handle time per case (per case and agent when `splitByAgent`), per (group, type) or type. */
export interface EffortOptions {
  splitByAgent: boolean;
  groupBy: 'groupAndType' | 'type';
}

/** The reads of /calidad, the same on both engines (instants of rows as Unix milliseconds). */
export interface QualityReads {
  /** Names of teams, agents or processes by id. */
  namesByIds(table: NameTable, ids: readonly number[]): Promise<{ id: number; name: string }[]>;
  resultCaseCounts<T>(group: SqlExpr, filter: SqlWhere): Promise<Grouped<T>[]>;
  /**
   * A renegotiated promise has a successor: only a chain's last link counts
   * (summarizePromiseChain). A pending one past its due time is broken; one still ahead is not
   * settled yet.
   */
  resultPromiseCounts<T>(group: SqlExpr, filter: SqlWhere, now: Date): Promise<Grouped<T>[]>;
  resultAnswerCounts<T>(group: SqlExpr, filter: SqlWhere): Promise<Grouped<T>[]>;
  /** Ratings per source, and each of `scores` as a column named by its alias. */
  processRatingCounts<T>(
    group: SqlExpr,
    filter: SqlWhere,
    scores: readonly ScoreCount[],
  ): Promise<Grouped<T>[]>;
  processReplyCounts<T>(group: SqlExpr, filter: SqlWhere): Promise<Grouped<T>[]>;
  /**
   * Handle time per case (per case and agent when `splitByAgent`: each agent's time on a case
   * against the target), then aggregated per (group, type), or per type alone (grp null).
   */
  effortCounts<T>(group: SqlExpr, filter: SqlWhere, options: EffortOptions): Promise<T[]>;
  /** Each case type's handle-time target, in minutes. */
  handleTargets(): Promise<{ code: string; minutes: number }[]>;
  /**
   * Cases of the quadrant by timing and treatment. `late` selects the late ones; `scoreMargin` is
   * the case's process score (CASE_SCORE_MARGIN_SQL).
   */
  quadrantRows<Timing extends string, Treatment extends string>(
    filter: SqlWhere,
    late: SqlWhere,
    scoreMargin: string,
  ): Promise<{ timing: Timing; treatment: Treatment; n: number }[]>;
}

/** A column alias the statements may carry (the distribution's, built from constants). */
export function checkedAlias(alias: string): string {
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(alias)) throw new Error(`odd column alias ${alias}`);
  return alias;
}

/** The reads of /calidad on SQLite. */
export function sqliteQualityReads(conn: Conn): QualityReads {
  return {
    namesByIds: (table, ids) =>
      readAll(
        conn,
        `SELECT id, name FROM ${table} WHERE id IN (${ids.map(() => '?').join(',')})`,
        ids,
      ),

    resultCaseCounts: (group, filter) =>
      readAll(
        conn,
        `SELECT ${group.expr} AS grp,
           count(*) AS cases,
           count(c.first_answered_at) AS answered,
           count(c.answered_on_time) AS termAnswered,
           coalesce(sum(c.answered_on_time = 1), 0) AS onTime,
           count(c.sla_met) AS slaAnswered,
           coalesce(sum(c.sla_met = 1), 0) AS slaMet,
           coalesce(sum(c.reopen_count > 0), 0) AS reopened,
           coalesce(sum(c.repeat_contact_count > 0), 0) AS repeated,
           coalesce(sum(c.first_answered_at IS NOT NULL AND c.reopen_count = 0
             AND c.repeat_contact_count = 0
             AND NOT EXISTS (SELECT 1 FROM case_pauses cp
                               WHERE cp.case_id = c.id AND cp.suspension_id IS NULL)), 0)
             AS firstContact,
           coalesce(sum(c.answer_business_days), 0) AS daysSum,
           count(c.answer_business_days) AS daysCount
         FROM cases c INDEXED BY cases_figures_idx
         WHERE ${filter.where}
         GROUP BY grp`,
        [...group.params, ...filter.params],
      ),

    resultPromiseCounts: (group, filter, now) =>
      readAll(
        conn,
        `SELECT ${group.expr} AS grp,
           sum(p.status = 'kept') AS promisesKept,
           sum(p.status = 'broken' OR (p.status = 'pending' AND p.due_at < ?)) AS promisesBroken
         FROM cases c INDEXED BY cases_figures_idx
         JOIN promises p ON p.case_id = c.id
         WHERE ${filter.where} AND p.status <> 'renegotiated'
         GROUP BY grp`,
        [...group.params, now.getTime(), ...filter.params],
      ),

    resultAnswerCounts: (group, filter) =>
      readAll(
        conn,
        `SELECT ${group.expr} AS grp,
           sum(rr.answer = 'yes') AS yes, sum(rr.answer = 'partly') AS partly,
           sum(rr.answer = 'no') AS no
         FROM cases c INDEXED BY cases_figures_idx
         JOIN result_ratings rr ON rr.case_id = c.id
         WHERE ${filter.where}
         GROUP BY grp`,
        [...group.params, ...filter.params],
      ),

    processRatingCounts: (group, filter, scores) =>
      readAll(
        conn,
        `SELECT ${group.expr} AS grp,
           sum(qr.source = 'customer') AS customerRatings,
           sum(qr.source = 'supervisor') AS reviews,
           ${scores
             .map(
               (s) =>
                 `sum(qr.source = '${s.source}' AND qr.${s.column} = ${s.score}) AS ${checkedAlias(s.alias)}`,
             )
             .join(',\n           ')}
         FROM cases c INDEXED BY cases_figures_idx
         JOIN quality_ratings qr ON qr.case_id = c.id
         WHERE ${filter.where}
         GROUP BY grp`,
        [...group.params, ...filter.params],
      ),

    processReplyCounts: (group, filter) =>
      readAll(
        conn,
        `SELECT ${group.expr} AS grp, count(*) AS replies, sum(i.is_canned) AS canned
         FROM cases c INDEXED BY cases_figures_idx
         JOIN interactions i ON i.case_id = c.id
         WHERE ${filter.where} AND i.direction = 'outbound' AND i.kind = 'reply'
         GROUP BY grp`,
        [...group.params, ...filter.params],
      ),

    effortCounts: (group, filter, options) => {
      const perType = options.groupBy === 'type';
      const sql = `SELECT ${perType ? 'NULL' : 'h.grp'} AS grp, h.type_code AS typeCode, count(*) AS cases,
             sum(h.secs) AS seconds,
             coalesce(sum(h.secs > t.target), 0) AS casesOver,
             coalesce(sum(CASE WHEN h.secs > t.target THEN h.secs ELSE 0 END), 0) AS tailSeconds,
             coalesce(sum(CASE WHEN h.secs > t.target THEN h.secs - t.target ELSE 0 END), 0)
               AS beyondSeconds
           FROM (
             SELECT ${perType ? 'NULL' : group.expr} AS grp, c.type_code,
               sum(i.handle_seconds) AS secs
             FROM cases c INDEXED BY cases_figures_idx
             JOIN interactions i ON i.case_id = c.id
             WHERE ${filter.where} AND i.handle_seconds IS NOT NULL
             GROUP BY c.id${options.splitByAgent ? ', i.staff_id' : ''}
           ) h
           LEFT JOIN (SELECT code, handle_target_minutes * 60 AS target FROM case_types) t
             ON t.code = h.type_code
           ${perType ? 'GROUP BY h.type_code' : 'GROUP BY h.grp, h.type_code'}`;
      return readAll(conn, sql, [...(perType ? [] : group.params), ...filter.params]);
    },

    handleTargets: () =>
      readAll(conn, 'SELECT code, handle_target_minutes AS minutes FROM case_types', []),

    quadrantRows: (filter, late, scoreMargin) =>
      readAll(
        conn,
        // MATERIALIZED: each case's score is computed once, not once per reference to it.
        `WITH per_case AS MATERIALIZED (
             SELECT CASE WHEN c.answered_on_time = 1 THEN 'on_time' ELSE 'late' END AS timing,
               ${scoreMargin} AS m
             FROM cases c INDEXED BY cases_figures_idx
             WHERE ${filter.where} AND (c.answered_on_time = 1 OR ${late.where})
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
