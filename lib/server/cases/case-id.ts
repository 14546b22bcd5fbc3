import 'server-only';
import { eq, sql } from 'drizzle-orm';
import type { Conn } from '@/db/client';
import { cases } from '@/db/schema';
import { radicadoFromPath } from '@/lib/domain/radicado';
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
