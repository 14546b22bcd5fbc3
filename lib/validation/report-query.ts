import type { LocalDate } from '../domain/calendar';
import { reportPeriod } from '../domain/report-periods';
import { parseAnalyticsQuery, type AnalyticsQuery } from './analytics-query';

type SearchParamsLike = URLSearchParams | Record<string, string | string[] | undefined>;

/** What the PQRS report reads from its URL besides the shared filter's defaults (DOMAIN.md §11). */
const REPORT_KEYS = ['from', 'to', 'teamId', 'type', 'channel'] as const;

function first(params: SearchParamsLike, key: string): string | undefined {
  const raw = params instanceof URLSearchParams ? params.get(key) : params[key];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return value || undefined;
}

/**
 * The report's filter from its URL: the shared supervisor filter (received-date period, team, type,
 * channel), except that with no period in the URL it is the previous calendar month, the period such
 * reports are usually published for. Agent and process are not filters of the report.
 */
export function parseReportQuery(params: SearchParamsLike, today: LocalDate): AnalyticsQuery {
  const values = Object.fromEntries(REPORT_KEYS.map((key) => [key, first(params, key)]));
  const period =
    values.from === undefined && values.to === undefined ? reportPeriod('last_month', today) : {};
  return parseAnalyticsQuery({ ...values, ...period }, today);
}
