import { sqliteOf, type Conn } from '../client';

/**
 * The bulk import's writes and look-ups (lib/server/intake/import-cases.ts), as raw statements the
 * connection keeps prepared (db/statement-cache.ts): a thousand cases per transaction cost a
 * thousand executions of the same few statements, never a thousand compilations. Instants are
 * epoch milliseconds, booleans 0/1.
 */

/** Action of the internal event that marks a case as imported; its data names the source row. */
export const IMPORT_ACTION = 'importar';

// prettier-ignore
export const CASE_COLUMNS = ['radicado', 'type_code', 'state', 'channel', 'subject', 'description', 'priority', 'priority_reason', 'customer_id', 'is_anonymous', 'response_medium', 'response_address', 'locale', 'team_id', 'received_at', 'term_days', 'regime', 'due_date', 'due_at', 'first_response_at', 'answered_at', 'first_answered_at', 'answer_delivered_at', 'answered_on_time', 'answer_business_days', 'sla_met', 'decision', 'closed_at', 'created_by_id', 'version', 'updated_at'] as const;

export type ImportedCaseRow = Record<(typeof CASE_COLUMNS)[number], string | number | null>;

// prettier-ignore
export const EVENT_COLUMNS = ['case_id', 'action', 'actor_role', 'actor_id', 'from_state', 'to_state', 'visibility', 'body', 'data', 'created_at', 'prev_hash', 'hash'] as const;

export type ImportedEventRow = Record<(typeof EVENT_COLUMNS)[number], string | number | null>;

export interface ImportedCustomer {
  documentType: string;
  documentNumber: string;
  fullName: string;
  email: string | null;
  phone: string | null;
  address: string | null;
  locale: string;
  createdAt: number;
}

const insertOf = (table: string, columns: readonly string[]) =>
  `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`;

const IMPORTED = `SELECT case_id AS caseId, json_extract(data, '$.sourceId') AS sourceId,
    json_extract(data, '$.radicadoOrigen') AS radicado
  FROM case_events WHERE action = '${IMPORT_ACTION}'`;
const LAST_HASH = 'SELECT hash FROM case_events ORDER BY id DESC LIMIT 1';
const RAISE_SEQUENCE = `INSERT INTO radicado_sequences (prefix, year, last_value) VALUES (?, ?, ?)
  ON CONFLICT (prefix, year) DO UPDATE SET last_value = max(last_value, excluded.last_value)`;
const TAKE_SEQUENCE = `INSERT INTO radicado_sequences (prefix, year, last_value) VALUES (?, ?, 1)
  ON CONFLICT (prefix, year) DO UPDATE SET last_value = last_value + 1
  RETURNING last_value`;
// An import brings old contact data: it fills what the record lacks and never overwrites it.
const UPSERT_CUSTOMER = `INSERT INTO customers
    (document_type, document_number, full_name, email, phone, address, locale, created_at)
  VALUES (@documentType, @documentNumber, @fullName, @email, @phone, @address, @locale, @createdAt)
  ON CONFLICT (document_type, document_number) DO UPDATE SET
    email = coalesce(customers.email, excluded.email),
    phone = coalesce(customers.phone, excluded.phone),
    address = coalesce(customers.address, excluded.address)
  RETURNING id`;
const INSERT_CASE = insertOf('cases', CASE_COLUMNS);
const INSERT_CONSENT = `INSERT INTO consents (customer_id, case_id, policy_version, accepted_at, channel)
  VALUES (?, ?, ?, ?, ?)`;
const INSERT_EVENT = insertOf('case_events', EVENT_COLUMNS);

/** The statement on the connection, which keeps it prepared by its text (db/statement-cache.ts). */
const statement = (db: Conn, text: string) => sqliteOf(db).prepare(text);

/** Every case an earlier import loaded, by the source id and the radicado its row carried. */
export function importedCases(
  db: Conn,
): { caseId: number; sourceId: string | null; radicado: string | null }[] {
  return statement(db, IMPORTED).all() as {
    caseId: number;
    sourceId: string | null;
    radicado: string | null;
  }[];
}

/** The hash the next audit event chains to (null on an empty history). */
export function lastEventHash(db: Conn): string | null {
  return (statement(db, LAST_HASH).pluck().get() as string | null | undefined) ?? null;
}

/** Lifts a year's counter to at least `seq`, so the sequence never hands out a kept number. */
export function raiseSequence(db: Conn, prefix: string, year: number, seq: number): void {
  statement(db, RAISE_SEQUENCE).run(prefix, year, seq);
}

/** The next number of the year (the same counter filing uses: radicado-sequence.ts). */
export function takeSequence(db: Conn, prefix: string, year: number): number {
  return statement(db, TAKE_SEQUENCE).pluck().get(prefix, year) as number;
}

export function upsertImportedCustomer(db: Conn, c: ImportedCustomer): number {
  return statement(db, UPSERT_CUSTOMER).pluck().get(c) as number;
}

export function insertImportedCase(db: Conn, row: ImportedCaseRow): number {
  return Number(statement(db, INSERT_CASE).run(row).lastInsertRowid);
}

export function insertImportedConsent(
  db: Conn,
  customerId: number,
  caseId: number,
  policyVersion: string,
  acceptedAt: number,
  channel: string,
): void {
  statement(db, INSERT_CONSENT).run(customerId, caseId, policyVersion, acceptedAt, channel);
}

export function insertImportedEvent(db: Conn, row: ImportedEventRow): void {
  statement(db, INSERT_EVENT).run(row);
}

/** Page cache for a bulk load: the indexes of a million cases are mostly read, not re-read from disk. */
const IMPORT_CACHE_KIB = 262_144;

/**
 * Runs a bulk load with a page cache of at least IMPORT_CACHE_KIB (256 MiB; SQLite's default is
 * 2 MiB), restored afterwards: each case touches a dozen index B-trees at scattered places.
 */
export async function withImportCache<T>(db: Conn, load: () => Promise<T>): Promise<T> {
  const sqlite = sqliteOf(db);
  const previous = sqlite.pragma('cache_size', { simple: true }) as number;
  const pageSize = sqlite.pragma('page_size', { simple: true }) as number;
  // A negative cache_size is KiB; a positive one, pages.
  const previousKib = previous < 0 ? -previous : (previous * pageSize) / 1024;
  if (previousKib < IMPORT_CACHE_KIB) sqlite.pragma(`cache_size = -${IMPORT_CACHE_KIB}`);
  try {
    return await load();
  } finally {
    sqlite.pragma(`cache_size = ${previous}`);
  }
}
