import { intakeRoute, param } from '@/lib/server/intake/api-route';
import { addMessageViaApi } from '@/lib/server/intake/handlers';

/** Intake API: the petitioner's message on a case. */
export const POST = intakeRoute((ctx, request, params) =>
  addMessageViaApi(ctx, request, { radicado: param(params, 'radicado') }),
);
