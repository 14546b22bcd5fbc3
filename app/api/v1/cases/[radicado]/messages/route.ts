import { getDb } from '@/db/client';
import { addMessageViaApi } from '@/lib/server/intake/handlers';

/** Intake API: the petitioner's message on a case. */
export async function POST(
  request: Request,
  ctx: RouteContext<'/api/v1/cases/[radicado]/messages'>,
) {
  const { radicado } = await ctx.params;
  return addMessageViaApi(request, radicado, { db: getDb(), now: new Date() });
}
