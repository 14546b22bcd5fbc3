import 'server-only';
import { eq, sql } from 'drizzle-orm';
import type { Conn } from '@/db/client';
import { cases } from '@/db/tables';
import { radicadoFromPath } from '@/lib/domain/radicado';
import { caseFormInput, RADICADO_FIELDS } from '@/lib/validation/case-form';
import type { Ctx } from '../core/context';
import { getOrganization } from '../core/organization';
import { preparedQuery } from '../core/prepared';

const idOf = preparedQuery((db) =>
  db
    .select({ id: cases.id })
    .from(cases)
    .where(eq(cases.radicado, sql.placeholder('radicado')))
    .prepare(),
);

/** A case's row by id, for a read that checks access on it (the staff and petitioner pages). */
export const caseRowById = preparedQuery((db) =>
  db
    .select()
    .from(cases)
    .where(eq(cases.id, sql.placeholder('id')))
    .prepare(),
);

/** The case id behind a radicado in a URL or a form, or null (a malformed one included). */
export async function caseIdByRadicado(db: Conn, radicado: string): Promise<number | null> {
  const normalised = radicadoFromPath(radicado);
  if (!normalised) return null;
  return (await idOf(db).get({ radicado: normalised }))?.id ?? null;
}

/**
 * A case form's fields as the action's input (lib/validation/case-form.ts `caseFormInput`), each
 * radicado the agent typed (the case to merge into, the case to link) read as its case's id first.
 */
export async function staffCaseFormInput(
  ctx: Ctx,
  fields: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const ids = new Map<string, number | null>();
  for (const key of RADICADO_FIELDS) {
    const value = fields[key];
    if (typeof value === 'string' && value !== '' && !ids.has(value))
      ids.set(value, await caseIdByRadicado(ctx.db, value));
  }
  const { timeZone } = await getOrganization(ctx.db);
  return caseFormInput(fields, timeZone, (radicado) => ids.get(radicado) ?? null);
}
