import { route } from '@/lib/server/core/route';
import { loadBoard } from '@/lib/server/supervision/board';
import { parseBoardQuery } from '@/lib/validation/board';

/**
 * The deadline board as JSON, for the page's polling (React Query). Takes the page's URL params
 * (teamId, agentId, page; a value that does not parse is ignored, as on the page); 401 signed out,
 * 403 for agents.
 */
export const GET = route({ access: 'supervision' }, (ctx, _input, { request }) =>
  loadBoard(ctx, parseBoardQuery(new URL(request.url).searchParams)),
);
