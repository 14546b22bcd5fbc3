import { intakeRoute, param } from '@/lib/server/intake/api-route';
import { getCaseViaApi } from '@/lib/server/intake/handlers';

/** Intake API: a case's status. */
export const GET = intakeRoute((ctx, request, params) =>
  getCaseViaApi(ctx, request, { radicado: param(params, 'radicado') }),
);
