import 'server-only';
import { eq } from 'drizzle-orm';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { getDb, type Db } from '@/db/client';
import { cases } from '@/db/schema';
import { parseRadicado } from '@/lib/domain/radicado';
import type { Actor } from '../core/actor';
import { CASE_COOKIE, verifyCaseAccess } from './portal-access';

function caseByRadicado(db: Db, radicado: string) {
  return db
    .select({ id: cases.id, radicado: cases.radicado })
    .from(cases)
    .where(eq(cases.radicado, radicado))
    .get();
}

/** The case an emailed link opens, or null when the link is forged, expired or for no case. */
export function caseForLink(token: string | null, now: Date, db: Db = getDb()) {
  const access = verifyCaseAccess(token, now, 'link');
  if (!access) return null;
  return (
    db
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
export async function readCaseAccess(radicadoParam: string, now = new Date()) {
  const parts = parseRadicado(decodeURIComponent(radicadoParam));
  if (!parts) return null;
  const radicado = decodeURIComponent(radicadoParam).trim().toUpperCase();
  const store = await cookies();
  const access = verifyCaseAccess(store.get(CASE_COOKIE)?.value, now, 'cookie');
  if (!access) return null;
  const found = caseByRadicado(getDb(), radicado);
  if (!found || found.id !== access.caseId) return null;
  const actor: Actor = { role: 'customer', id: null, caseId: found.id };
  return { caseId: found.id, radicado: found.radicado, actor };
}

export async function requireCaseAccess(radicadoParam: string) {
  const access = await readCaseAccess(radicadoParam);
  if (!access) redirect('/consulta?error=session');
  return access;
}
