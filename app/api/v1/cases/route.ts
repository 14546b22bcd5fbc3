import { getDb } from '@/db/client';
import { createCaseViaApi } from '@/lib/server/intake/handlers';

/** Intake API: file a case. Contract: /api/v1/openapi.json. */
export function POST(request: Request) {
  return createCaseViaApi(request, { db: getDb(), now: new Date() });
}
