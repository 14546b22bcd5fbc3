import 'server-only';
import { and, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import type { Conn } from '@/db/client';
import { cases, customers } from '@/db/tables';
import { radicadoFromPath } from '@/lib/domain/radicado';
import { requestCtx, type Ctx } from '../core/context';
import { preparedQuery } from '../core/prepared';
import { VISITOR, type PetitionerActor } from './actors';
import { CASE_COOKIE, verifyCaseAccess } from './portal-access';

export interface CaseAccessGrant {
  caseId: number;
  radicado: string;
  actor: PetitionerActor;
}

/**
 * The case a portal token may open: not one whose petitioner was anonymised. Tokens are stateless
 * and carry no issue time, so every cookie and e-mailed link of that case, issued before the
 * anonymisation (none can be issued after: the look-up refuses it), opens nothing any more.
 */
const openableWhere = (where: SQL) =>
  preparedQuery((db) =>
    db
      .select({ id: cases.id, radicado: cases.radicado })
      .from(cases)
      .leftJoin(customers, eq(customers.id, cases.customerId))
      .where(and(where, isNull(customers.anonymizedAt)))
      .prepare(),
  );
const openableById = openableWhere(eq(cases.id, sql.placeholder('key')));
const openableByRadicado = openableWhere(eq(cases.radicado, sql.placeholder('key')));

async function openableCase(db: Conn, by: { id: number } | { radicado: string }) {
  return 'id' in by
    ? await openableById(db).get({ key: by.id })
    : await openableByRadicado(db).get({ key: by.radicado });
}

/** The case an emailed link opens, or null when the link is forged, expired or for no case. */
export async function caseForLink(ctx: Ctx, input: { token: string | null | undefined }) {
  const access = verifyCaseAccess(input.token, ctx.now, 'link');
  if (!access) return null;
  return (await openableCase(ctx.db, { id: access.caseId })) ?? null;
}

/**
 * The petitioner's access to the case in the URL: the signed cookie must name exactly this case.
 * Another radicado with the same cookie is sent back to the look-up, like no cookie at all.
 */
export async function readCaseAccess(
  ctx: Ctx,
  radicadoParam: string,
): Promise<CaseAccessGrant | null> {
  const store = await cookies();
  return await caseForCookie(ctx, radicadoParam, store.get(CASE_COOKIE)?.value);
}

/** What `readCaseAccess` grants for this cookie value (the request's cookie store set aside). */
export async function caseForCookie(
  ctx: Ctx,
  radicadoParam: string,
  cookie: string | undefined,
): Promise<CaseAccessGrant | null> {
  const radicado = radicadoFromPath(radicadoParam);
  if (!radicado) return null;
  const access = verifyCaseAccess(cookie, ctx.now, 'cookie');
  if (!access) return null;
  const found = await openableCase(ctx.db, { radicado });
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
