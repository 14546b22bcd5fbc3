import { intakeRoute } from '@/lib/server/intake/api-route';
import { createCaseViaApi } from '@/lib/server/intake/handlers';

/** Intake API: file a case. Contract: /api/v1/openapi.json. */
export const POST = intakeRoute((ctx, request) => createCaseViaApi(ctx, request));
