import { applyProblemAction } from '@/lib/server/causes/apply-problem-action';
import { AppError } from '@/lib/server/core/errors';
import { route } from '@/lib/server/core/route';

/**
 * One change to one problem: `update`, `set_status`, `link` (a radicado), `unlink` (a case id) or
 * `link_cause` (every complaint of its cause in a period). Supervisors and admins only.
 */
export const POST = route({ access: 'supervision' }, (ctx, body, { params }) => {
  const problemId = Number(params.id);
  if (!Number.isSafeInteger(problemId) || problemId <= 0) throw new AppError('NOT_FOUND');
  return applyProblemAction(ctx, { ...body, problemId });
});
