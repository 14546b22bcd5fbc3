import { z } from 'zod';
import { MAX_BULK_CASES } from './bulk-cases';
import { id } from './fields';

/** Cases per page of the board's list (the bulk reassignment acts on what the page shows). */
export const BOARD_PAGE_SIZE = 50;

const positiveId = z.coerce.number().int().positive();

/** The deadline board as its URL holds it: no period (it is always "now"), team, agent, page. */
export const BoardQuerySchema = z.object({
  teamId: positiveId.optional(),
  agentId: positiveId.optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});
export type BoardQuery = z.output<typeof BoardQuerySchema>;

type SearchParamsLike = URLSearchParams | Record<string, string | string[] | undefined>;
const KEYS = Object.keys(BoardQuerySchema.shape) as (keyof BoardQuery)[];

/** Reads the board's filter from a URL. Never throws: a value that does not parse is ignored. */
export function parseBoardQuery(params: SearchParamsLike): BoardQuery {
  const entries = KEYS.map((key) => {
    const raw = params instanceof URLSearchParams ? (params.get(key) ?? undefined) : params[key];
    const value = Array.isArray(raw) ? raw[0] : raw;
    const field = BoardQuerySchema.shape[key];
    const parsed = field.safeParse(value === '' ? undefined : value);
    return [key, parsed.success ? parsed.data : field.parse(undefined)];
  });
  return Object.fromEntries(entries) as BoardQuery;
}

/** The filter as URL params, for links and the JSON route; the first page is left out. */
export function boardQueryToSearchParams(query: Partial<BoardQuery>): URLSearchParams {
  const params = new URLSearchParams();
  if (query.teamId !== undefined) params.set('teamId', String(query.teamId));
  if (query.agentId !== undefined) params.set('agentId', String(query.agentId));
  if (query.page !== undefined && query.page > 1) params.set('page', String(query.page));
  return params;
}

/** Bulk reassignment from the board: the checked cases, and the agent who takes them all. */
export const BulkReassignSchema = z.object({
  caseIds: z
    .array(
      z.number({ error: 'invalid' }).int({ error: 'invalid' }).positive({ error: 'invalid' }),
      {
        error: 'required',
      },
    )
    .min(1, { error: 'noCasesSelected' })
    .max(MAX_BULK_CASES, { error: 'tooManyCases' }),
  assigneeId: id,
});
export type BulkReassign = z.infer<typeof BulkReassignSchema>;
