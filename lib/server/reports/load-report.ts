import 'server-only';
import { first } from '@/db/rows';
import { eq } from 'drizzle-orm';
import { teams } from '@/db/tables';
import { toLocalDate } from '@/lib/domain/calendar';
import type { Locale } from '@/lib/domain/enums';
import type { AnalyticsQuery } from '@/lib/validation/analytics-query';
import { parseReportQuery } from '@/lib/validation/report-query';
import type { Ctx } from '../core/context';
import { csvResponse, type CsvCell } from '../core/csv';
import { requireRole } from '../core/guard';
import { getOrganization } from '../core/organization';
import { buildPqrsReport, type PqrsReport } from './pqrs-report';
import { loadReportLabels, type ReportLabels } from './report-labels';
import {
  reportCsvHeader,
  reportCsvRows,
  reportTables,
  type ReportContext,
  type ReportTable,
} from './report-tables';

type SearchParamsLike = URLSearchParams | Record<string, string | string[] | undefined>;

export interface LoadedReport {
  query: AnalyticsQuery;
  today: string;
  timeZone: string;
  report: PqrsReport;
  tables: ReportTable[];
  context: ReportContext;
  labels: ReportLabels;
}

/**
 * The report as its URL asks for it (period, team, type, channel), with its tables and context;
 * `locale` names the labels' language.
 */
export async function loadPqrsReport(
  ctx: Ctx,
  params: SearchParamsLike,
  extras: { locale: Locale },
): Promise<LoadedReport> {
  requireRole(ctx.actor, 'supervision');
  const { db, now } = ctx;
  const org = await getOrganization(db);
  const today = toLocalDate(now, org.timeZone);
  const query = parseReportQuery(params, today);
  const report = await buildPqrsReport(db, query, org.timeZone, now);
  const labels = await loadReportLabels(extras.locale);
  const team =
    query.teamId === undefined
      ? null
      : ((
          await first(db.select({ name: teams.name }).from(teams).where(eq(teams.id, query.teamId)))
        )?.name ?? `#${query.teamId}`);
  const context: ReportContext = {
    organization: org.name,
    from: query.from,
    to: query.to,
    team,
    type: query.type ? labels.type(query.type) : null,
    channel: query.channel ? labels.channel(query.channel) : null,
    generatedAt: now.toISOString(),
  };
  return {
    query,
    today,
    timeZone: org.timeZone,
    report,
    tables: reportTables(report, labels),
    context,
    labels,
  };
}

/** The report as one CSV: its context, then every table's figures, one per row. */
export function pqrsReportCsv(loaded: LoadedReport): Response {
  const rows: CsvCell[][] = reportCsvRows(loaded.tables, loaded.context, loaded.labels);
  const { from, to } = loaded.query;
  return csvResponse(
    `informe-pqrs-${from}-${to}.csv`,
    reportCsvHeader(loaded.labels),
    rows[Symbol.iterator](),
  );
}
