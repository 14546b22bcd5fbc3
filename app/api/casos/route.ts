import { listCases } from '@/lib/server/cases/list-cases';
import { route } from '@/lib/server/core/route';
import { parseCaseQuery } from '@/lib/validation/case-query';

/**
 * One page of a queue with every queue's count, for React Query. Takes the same params as the
 * queue page's URL; instants go out as ISO strings (CaseListJson).
 */
export const GET = route({ access: 'staff' }, (ctx, _input, { request }) =>
  listCases(ctx, parseCaseQuery(new URL(request.url).searchParams)),
);
