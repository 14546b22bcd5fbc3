import { getDb } from '@/db/client';
import { getCaseViaApi } from '@/lib/server/intake/handlers';

/** Intake API: a case's status. */
export async function GET(request: Request, ctx: RouteContext<'/api/v1/cases/[radicado]'>) {
  const { radicado } = await ctx.params;
  return getCaseViaApi(request, radicado, { db: getDb(), now: new Date() });
}
