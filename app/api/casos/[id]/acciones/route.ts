import { applyCaseAction } from '@/lib/server/cases/apply-case-action';
import { AppError } from '@/lib/server/core/errors';
import { route } from '@/lib/server/core/route';

/**
 * One action on one case as JSON (for integrations and scripted clients). The same use case as the
 * case page: role, team scope and state machine are all checked here, on the server.
 */
export const POST = route({ access: 'staff' }, (ctx, body, { params }) => {
  const caseId = Number(params.id);
  if (!Number.isInteger(caseId) || caseId <= 0) throw new AppError('NOT_FOUND');
  return applyCaseAction(ctx, { ...body, caseId });
});
