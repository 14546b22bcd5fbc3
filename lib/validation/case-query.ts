import { z } from 'zod';
import { localDate } from './fields';
import { CASE_STATES, CASE_TYPES, CHANNELS } from '../domain/enums';

/** The agents' queues (bandejas): Mis casos, Mi equipo, Sin asignar, Por vencer, Vencidos … */
export const QUEUES = [
  'mine',
  'team',
  'unassigned',
  'at_risk',
  'overdue',
  'waiting',
  'all',
] as const;
export type Queue = (typeof QUEUES)[number];

export const CASE_SORTS = ['due', 'received', 'radicado', 'state'] as const;
export type CaseSort = (typeof CASE_SORTS)[number];

export const SORT_DIRECTIONS = ['asc', 'desc'] as const;
export type SortDirection = (typeof SORT_DIRECTIONS)[number];

export const PAGE_SIZE = { min: 10, max: 100, default: 25 } as const;

const positiveId = z.coerce.number().int().positive();

/** Repeated URL params (`type=R&type=Q`) arrive as an array, a single one as a string. */
const listOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.enum(values)).transform((list) => [...new Set(list)]),
  );

/**
 * A queue view as the URL holds it. `from`/`to` are local dates in the organisation's time zone
 * and bound the received date, both inclusive.
 */
export const CaseQuerySchema = z.object({
  queue: z.enum(QUEUES).default('mine'),
  type: listOf(CASE_TYPES),
  channel: listOf(CHANNELS),
  state: listOf(CASE_STATES),
  teamId: positiveId.optional(),
  assigneeId: positiveId.optional(),
  processId: positiveId.optional(),
  from: localDate.optional(),
  to: localDate.optional(),
  sort: z.enum(CASE_SORTS).default('due'),
  dir: z.enum(SORT_DIRECTIONS).default('asc'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce
    .number()
    .int()
    .min(PAGE_SIZE.min)
    .max(PAGE_SIZE.max)
    .default(PAGE_SIZE.default),
});
export type CaseQuery = z.output<typeof CaseQuerySchema>;
export type CaseQueryInput = Partial<CaseQuery>;

type SearchParamsLike = URLSearchParams | Record<string, string | string[] | undefined>;

const KEYS = Object.keys(CaseQuerySchema.shape) as (keyof CaseQuery)[];
const LIST_KEYS = new Set<keyof CaseQuery>(['type', 'channel', 'state']);

function readParam(params: SearchParamsLike, key: string): string | string[] | undefined {
  if (params instanceof URLSearchParams) {
    const all = params.getAll(key);
    return all.length === 0 ? undefined : all.length === 1 ? all[0] : all;
  }
  return params[key];
}

/** The value of one key, or its default when the URL's value does not parse. */
function parseField(key: keyof CaseQuery, raw: string | string[] | undefined): unknown {
  const field = CaseQuerySchema.shape[key];
  if (LIST_KEYS.has(key)) {
    // Keep the valid members of a list and drop the rest: `type=R&type=XX` still filters by R.
    const members = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
    return field.parse(members.filter((m) => field.safeParse([m]).success));
  }
  // A scalar repeated by hand (`page=2&page=3`): the first one wins.
  const value = Array.isArray(raw) ? raw[0] : raw;
  const parsed = field.safeParse(value === '' ? undefined : value);
  return parsed.success ? parsed.data : field.parse(undefined);
}

/** Reads a queue view from the URL. Never throws: a hand-edited URL falls back to the defaults. */
export function parseCaseQuery(params: SearchParamsLike): CaseQuery {
  const entries = KEYS.map((key) => [key, parseField(key, readParam(params, key))]);
  return Object.fromEntries(entries) as CaseQuery;
}

const DEFAULTS: CaseQuery = parseCaseQuery({});

/** The view as URL params, for a link that can be shared; default values are left out. */
export function caseQueryToSearchParams(query: CaseQueryInput): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of KEYS) {
    const value = query[key];
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      for (const member of value) params.append(key, member);
    } else if (value !== DEFAULTS[key]) {
      params.set(key, String(value));
    }
  }
  return params;
}
