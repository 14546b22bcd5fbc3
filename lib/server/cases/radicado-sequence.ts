import 'server-only';
import { sql } from 'drizzle-orm';
import type { Conn } from '@/db/client';
import { radicadoSequences } from '@/db/tables';
import { formatRadicado } from '@/lib/domain/radicado';
import { preparedQuery } from '../core/prepared';

/**
 * Takes the next number of the year. Runs inside the filing transaction: if the filing rolls back,
 * the number was never handed out; once committed it is never handed out again.
 */
export async function takeRadicado(tx: Conn, prefix: string, year: number): Promise<string> {
  const row = await nextNumber(tx).get({ prefix, year });
  return formatRadicado(prefix, year, row!.lastValue);
}

// Every filing takes one: built once per connection.
const nextNumber = preparedQuery((db) =>
  db
    .insert(radicadoSequences)
    .values({ prefix: sql.placeholder('prefix'), year: sql.placeholder('year'), lastValue: 1 })
    .onConflictDoUpdate({
      target: [radicadoSequences.prefix, radicadoSequences.year],
      set: { lastValue: sql`${radicadoSequences.lastValue} + 1` },
    })
    .returning({ lastValue: radicadoSequences.lastValue })
    .prepare(),
);
