import type { LocalDate } from '../domain/calendar';
import { reportPeriod } from '../domain/report-periods';
import { parseAnalyticsQuery, type AnalyticsQuery } from './analytics-query';

type SearchParamsLike = URLSearchParams | Record<string, string | string[] | undefined>;

/** The filters the PQRS report takes besides its period (DOMAIN.md §11). */
export const REPORT_FILTERS = ['teamId', 'type', 'channel'] as const;

const present = (value: string | string[] | null | undefined) =>
  (Array.isArray(value) ? value[0] : value) ? true : false;

/**
 * The report's filter from its URL: the shared supervisor filter (received-date period, team, type,
 * channel), except that with no period in the URL it is the previous calendar month, the period such
 * reports are usually published for. Agent and process filters are not part of the report.
 */
export function parseReportQuery(params: SearchParamsLike, today: LocalDate): AnalyticsQuery {
  const get = (key: string) =>
    params instanceof URLSearchParams ? params.get(key) : (params[key] ?? undefined);
  const values: Record<string, string | undefined> = {};
  for (const key of ['from', 'to', ...REPORT_FILTERS]) {
    const raw = get(key);
    values[key] = Array.isArray(raw) ? raw[0] : (raw ?? undefined);
  }
  if (!present(values.from) && !present(values.to))
    Object.assign(values, reportPeriod('last_month', today));
  const query = parseAnalyticsQuery(values, today);
  return { ...query, agentId: undefined, processId: undefined };
}
