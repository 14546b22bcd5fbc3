import { z } from 'zod';
import { localDate } from './fields';
import { addCalendarDays, type LocalDate } from '../domain/calendar';
import { CASE_TYPES, CHANNELS } from '../domain/enums';

/** How the supervisor views break figures down (DOMAIN.md §5–7: by agent, team, type, process, period). */
export const ANALYTICS_GROUPS = ['team', 'agent', 'type', 'process', 'month'] as const;
export type AnalyticsGroup = (typeof ANALYTICS_GROUPS)[number];

/** The period a view opens on when the URL names none: the last 30 days, today included. */
export const DEFAULT_PERIOD_DAYS = 30;
/** The longest period one view may aggregate (keeps every figure within its time budget). */
export const MAX_PERIOD_DAYS = 366 * 2;

const positiveId = z.coerce.number().int().positive();

/**
 * The filter every supervisor view shares, as its URL holds it: received-date period (local dates,
 * both inclusive), team, agent, type, originating process, channel, and the breakdown.
 */
export const AnalyticsQuerySchema = z.object({
  from: localDate.optional(),
  to: localDate.optional(),
  teamId: positiveId.optional(),
  agentId: positiveId.optional(),
  type: z.enum(CASE_TYPES).optional(),
  processId: positiveId.optional(),
  channel: z.enum(CHANNELS).optional(),
  by: z.enum(ANALYTICS_GROUPS).default('team'),
});
type Parsed = z.output<typeof AnalyticsQuerySchema>;
export type AnalyticsQuery = Parsed & { from: LocalDate; to: LocalDate };

type SearchParamsLike = URLSearchParams | Record<string, string | string[] | undefined>;
const KEYS = Object.keys(AnalyticsQuerySchema.shape) as (keyof Parsed)[];

function first(params: SearchParamsLike, key: string): string | undefined {
  const raw = params instanceof URLSearchParams ? (params.get(key) ?? undefined) : params[key];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return value === '' ? undefined : value;
}

/**
 * Reads the filter from a URL. Never throws: a value that does not parse falls back to its default;
 * a reversed period is put the right way round and an over-long one is cut to MAX_PERIOD_DAYS.
 */
export function parseAnalyticsQuery(params: SearchParamsLike, today: LocalDate): AnalyticsQuery {
  const entries = KEYS.map((key) => {
    const field = AnalyticsQuerySchema.shape[key];
    const parsed = field.safeParse(first(params, key));
    return [key, parsed.success ? parsed.data : field.parse(undefined)];
  });
  const q = Object.fromEntries(entries) as Parsed;
  let to = q.to ?? today;
  let from = q.from ?? addCalendarDays(to, -(DEFAULT_PERIOD_DAYS - 1));
  if (from > to) [from, to] = [to, from];
  const earliest = addCalendarDays(to, -(MAX_PERIOD_DAYS - 1));
  if (from < earliest) from = earliest;
  return { ...q, from, to };
}

/** The filter as URL params (for links and exports); the default breakdown is left out. */
export function analyticsQueryToSearchParams(
  query: Partial<AnalyticsQuery>,
  overrides: Record<string, string | number | undefined> = {},
): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of KEYS) {
    const value = query[key];
    if (value === undefined || (key === 'by' && value === 'team')) continue;
    params.set(key, String(value));
  }
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) params.delete(key);
    else params.set(key, String(value));
  }
  return params;
}
