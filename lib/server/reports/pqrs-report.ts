import 'server-only';
import type { Conn } from '@/db/client';
import * as pgReports from '@/db/pg/reports';
import { isPg, pgQueryable } from '@/db/pg/transactions';
import * as liteReports from '@/db/sql/reports';
import type { CauseRow, CellRow, ProblemRow } from '@/db/sql/reports';
import { CASE_TYPES, CHANNELS, type CaseType, type Channel } from '@/lib/domain/enums';
import type { AnalyticsQuery } from '@/lib/validation/analytics-query';
import { caseFilterSql, periodBounds } from '../supervision/filters';

/**
 * The periodic PQRS report (DOMAIN.md §11) over the cases RECEIVED in the period (received_at),
 * filtered by team, type and channel. Answer figures are those fixed by each case's first answer,
 * whenever it came (a case received on the 30th and answered the next month counts as answered).
 * Every figure is a SQL aggregate read from the covering index cases_figures_idx: on SQLite in the
 * read pool's worker threads (db/sql/reports.ts), on PostgreSQL through the pool (db/pg/reports.ts).
 */
export interface ReportFigures {
  received: number;
  /** Cases with a first answer (on time, late, awaiting delivery, or of a type without legal term). */
  answered: number;
  onTime: number;
  late: number;
  /** Answered, but the type has no legal term (Felicitación): neither on time nor late. */
  answeredNoTerm: number;
  /**
   * Answered within the term but not delivered yet: no result until it reaches the petitioner
   * (DOMAIN.md §3). Once the due date passes undelivered it counts as late (vencido sin notificar).
   */
  awaitingDelivery: number;
  /** Average counted business days to the first answer (pauses excluded); null if none. */
  averageBusinessDays: number | null;
  transferred: number;
  withdrawn: number;
  /** Current decision 'niega' (a reopen clears the decision until the next answer). */
  denied: number;
  merged: number;
  /** Not answered nor ended (transferred, withdrawn, merged) by the end of the period. */
  pendingAtEnd: number;
  /** In an open state now (radicada, en trámite, requiere información), reopened ones included. */
  openNow: number;
  /** Open now, legal clock running and past the due date. */
  overdueNow: number;
}

export interface TypeFigures extends ReportFigures {
  typeCode: CaseType;
}

export type { CauseRow, ProblemRow };

export interface PqrsReport {
  /** Cases received per type and channel: only pairs with cases. */
  received: { typeCode: CaseType; channel: Channel; count: number }[];
  /** Channels with at least one case, in catalogue order (the matrix's columns). */
  channels: Channel[];
  /** Types with at least one case, in catalogue order. */
  byType: TypeFigures[];
  total: ReportFigures;
  /** Quejas and Reclamos by process › root cause, most frequent first; unclassified ones last. */
  causes: CauseRow[];
  complaints: number;
  /** Problems open at some time during the period (created before its end, not resolved before it began). */
  problems: ProblemRow[];
}

type Sums = Omit<CellRow, 'typeCode' | 'channel'>;

const ZERO: Sums = {
  received: 0,
  answered: 0,
  onTime: 0,
  late: 0,
  answeredNoTerm: 0,
  awaitingDelivery: 0,
  daysSum: 0,
  daysCount: 0,
  transferred: 0,
  withdrawn: 0,
  denied: 0,
  merged: 0,
  pendingAtEnd: 0,
  openNow: 0,
  overdueNow: 0,
};

function add(a: Sums, b: Sums): Sums {
  const out = { ...a };
  for (const key of Object.keys(ZERO) as (keyof Sums)[]) out[key] = (a[key] ?? 0) + (b[key] ?? 0);
  return out;
}

function figuresOf({ daysSum, daysCount, ...rest }: Sums): ReportFigures {
  return {
    ...rest,
    averageBusinessDays:
      daysCount === 0 ? null : Math.round(((daysSum ?? 0) / daysCount) * 10) / 10,
  };
}

/** The report for one period and filter; `now` is when "open now" and "overdue now" are read. */
export async function buildPqrsReport(
  db: Conn,
  query: AnalyticsQuery,
  timeZone: string,
  now: Date,
): Promise<PqrsReport> {
  const filter = caseFilterSql(query, timeZone);
  const { fromMs, toMs } = periodBounds(query, timeZone);
  // The per-type-and-channel cells (at most 8 × 9 rows) are the only thing summed outside SQL.
  // The reads run side by side: in the read pool (db/read-pool.ts) or on the PostgreSQL pool.
  const pg = isPg(db) ? pgQueryable(db) : null;
  const [cells, causes, problems] = await Promise.all([
    pg
      ? pgReports.reportCells(pg, filter, toMs, now.getTime())
      : liteReports.reportCells(db, filter, toMs, now.getTime()),
    pg ? pgReports.reportCauses(pg, filter) : liteReports.reportCauses(db, filter),
    pg ? pgReports.reportProblems(pg, fromMs, toMs) : liteReports.reportProblems(db, fromMs, toMs),
  ]);
  const byTypeSums = new Map<CaseType, Sums>();
  let totalSums = ZERO;
  for (const cell of cells) {
    byTypeSums.set(cell.typeCode, add(byTypeSums.get(cell.typeCode) ?? ZERO, cell));
    totalSums = add(totalSums, cell);
  }
  const present = new Set(cells.map((c) => c.channel));
  return {
    received: cells.map((c) => ({ typeCode: c.typeCode, channel: c.channel, count: c.received })),
    channels: CHANNELS.filter((c) => present.has(c)),
    byType: CASE_TYPES.flatMap((typeCode) => {
      const sums = byTypeSums.get(typeCode);
      return sums ? [{ typeCode, ...figuresOf(sums) }] : [];
    }),
    total: figuresOf(totalSums),
    causes,
    complaints: causes.reduce((n, c) => n + c.count, 0),
    problems,
  };
}
