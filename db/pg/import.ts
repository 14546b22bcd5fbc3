import { getTableColumns, type Column } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import {
  CASE_COLUMNS,
  EVENT_COLUMNS,
  IMPORT_ACTION,
  type ImportedCaseRow,
  type ImportedCustomer,
  type ImportedEventRow,
} from '../sql/import';
import { runNamed, type Queryable } from './client';
import { caseEvents, cases } from './schema';

/**
 * The bulk import's writes and look-ups on PostgreSQL (db/sql/import.ts is SQLite's), sent as
 * named statements: each connection parses them once for a whole run. They take the rows in
 * SQLite's forms (instants as epoch milliseconds, booleans as 0/1) and store them as this engine
 * types them. The search index and the queue counts are kept by their triggers as each case goes
 * in (db/pg/migrations), so nothing is suspended or rebuilt here.
 */

/** A row's values in `columns` order as PostgreSQL stores them: instants and booleans differ. */
function pgValuesOf(table: PgTable, columns: readonly string[]) {
  const byName = new Map<string, Column>(
    Object.values(getTableColumns(table)).map((c: Column) => [c.name, c]),
  );
  const kinds = columns.map((name) => {
    const column = byName.get(name);
    if (!column) throw new Error(`${name} is no column of the table`);
    return column.columnType;
  });
  return (row: Record<string, string | number | null>) =>
    columns.map((name, i) => {
      const value = row[name] ?? null;
      if (value === null) return null;
      if (kinds[i] === 'PgTimestamp') return new Date(value as number).toISOString();
      if (kinds[i] === 'PgBoolean') return value === 1;
      return value;
    });
}

function insertOf(table: string, columns: readonly string[], returning = '') {
  const places = columns.map((_, i) => `$${i + 1}`).join(', ');
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${places})${returning}`;
}

/** Every case an earlier import loaded, by the source id and the radicado its row carried. */
export async function importedCases(
  db: Queryable,
): Promise<{ caseId: number; sourceId: string | null; radicado: string | null }[]> {
  return runNamed(
    db,
    `SELECT case_id AS "caseId", data ->> 'sourceId' AS "sourceId",
        data ->> 'radicadoOrigen' AS radicado
      FROM case_events WHERE action = $1`,
    [IMPORT_ACTION],
  );
}

/** Lifts a year's counter to at least `seq`, so the sequence never hands out a kept number. */
export async function raiseSequence(db: Queryable, prefix: string, year: number, seq: number) {
  await runNamed(
    db,
    `INSERT INTO radicado_sequences (prefix, year, last_value) VALUES ($1, $2, $3)
      ON CONFLICT (prefix, year) DO UPDATE
        SET last_value = greatest(radicado_sequences.last_value, excluded.last_value)`,
    [prefix, year, seq],
  );
}

/**
 * The next number of the year (the counter filing uses: db/pg/claims.ts); its row stays locked
 * until the batch commits, so numbers stay gap-free beside filings on other instances.
 */
export async function takeSequence(db: Queryable, prefix: string, year: number): Promise<number> {
  const [row] = await runNamed<{ last_value: number }>(
    db,
    `INSERT INTO radicado_sequences (prefix, year, last_value) VALUES ($1, $2, 1)
      ON CONFLICT (prefix, year) DO UPDATE SET last_value = radicado_sequences.last_value + 1
      RETURNING last_value`,
    [prefix, year],
  );
  return row!.last_value;
}

// An import brings old contact data: it fills what the record lacks and never overwrites it.
const UPSERT_CUSTOMER = `INSERT INTO customers
    (document_type, document_number, full_name, email, phone, address, locale, created_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
  ON CONFLICT (document_type, document_number) DO UPDATE SET
    email = coalesce(customers.email, excluded.email),
    phone = coalesce(customers.phone, excluded.phone),
    address = coalesce(customers.address, excluded.address)
  RETURNING id`;

export async function upsertImportedCustomer(db: Queryable, c: ImportedCustomer): Promise<number> {
  const [row] = await runNamed<{ id: number }>(db, UPSERT_CUSTOMER, [
    c.documentType,
    c.documentNumber,
    c.fullName,
    c.email,
    c.phone,
    c.address,
    c.locale,
    new Date(c.createdAt).toISOString(),
  ]);
  return row!.id;
}

const INSERT_CASE = insertOf('cases', CASE_COLUMNS, ' RETURNING id');
const caseValues = pgValuesOf(cases, CASE_COLUMNS);

export async function insertImportedCase(db: Queryable, row: ImportedCaseRow): Promise<number> {
  const [inserted] = await runNamed<{ id: number }>(db, INSERT_CASE, caseValues(row));
  return inserted!.id;
}

export async function insertImportedConsent(
  db: Queryable,
  customerId: number,
  caseId: number,
  policyVersion: string,
  acceptedAt: number,
  channel: string,
): Promise<void> {
  await runNamed(
    db,
    `INSERT INTO consents (customer_id, case_id, policy_version, accepted_at, channel)
      VALUES ($1, $2, $3, $4, $5)`,
    [customerId, caseId, policyVersion, new Date(acceptedAt).toISOString(), channel],
  );
}

const INSERT_EVENT = insertOf('case_events', EVENT_COLUMNS);
const eventValues = pgValuesOf(caseEvents, EVENT_COLUMNS);

/** `data` is the JSON text the hash was computed over: the json column keeps it as written. */
export async function insertImportedEvent(db: Queryable, row: ImportedEventRow): Promise<void> {
  await runNamed(db, INSERT_EVENT, eventValues(row));
}
