import 'server-only';
import { eq } from 'drizzle-orm';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import type { Conn } from '@/db/client';
import { cases } from '@/db/schema';
import { radicadoFromPath } from '@/lib/domain/radicado';
import { requestCtx, type Ctx } from '../core/context';
import { VISITOR, type PetitionerActor } from './actors';
import { CASE_COOKIE, verifyCaseAccess } from './portal-access';

export interface CaseAccessGrant {
  caseId: number;
  radicado: string;
  actor: PetitionerActor;
}

function caseByRadicado(db: Conn, radicado: string) {
  return db
    .select({ id: cases.id, radicado: cases.radicado })
    .from(cases)
    .where(eq(cases.radicado, radicado))
    .get();
}

/** The case an emailed link opens, or null when the link is forged, expired or for no case. */
export async function caseForLink(ctx: Ctx, input: { token: string | null | undefined }) {
  const access = verifyCaseAccess(input.token, ctx.now, 'link');
  if (!access) return null;
  return (
    ctx.db
      .select({ id: cases.id, radicado: cases.radicado })
      .from(cases)
      .where(eq(cases.id, access.caseId))
      .get() ?? null
  );
}

/**
 * The petitioner's access to the case in the URL: the signed cookie must name exactly this case.
 * Another radicado with the same cookie is sent back to the look-up, like no cookie at all.
 */
export async function readCaseAccess(
  ctx: Ctx,
  radicadoParam: string,
): Promise<CaseAccessGrant | null> {
  const radicado = radicadoFromPath(radicadoParam);
  if (!radicado) return null;
  const store = await cookies();
  const access = verifyCaseAccess(store.get(CASE_COOKIE)?.value, ctx.now, 'cookie');
  if (!access) return null;
  const found = caseByRadicado(ctx.db, radicado);
  if (!found || found.id !== access.caseId) return null;
  const actor: PetitionerActor = { role: 'customer', id: null, caseId: found.id };
  return { caseId: found.id, radicado: found.radicado, actor };
}

/** For the petitioner's pages: their access to the case in the URL, or back to the look-up. */
export async function requireCaseAccess(radicadoParam: string): Promise<CaseAccessGrant> {
  const access = await readCaseAccess(requestCtx(VISITOR), radicadoParam);
  if (!access) redirect('/consulta?error=session');
  return access;
}
