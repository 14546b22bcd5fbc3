import pg from 'pg';
import type {
  CustomerFile,
  PersonalFields,
  RawCustomerSummary,
  scrubCustomer as liteScrubCustomer,
} from '../sql/personal-data';
import type { Queryable } from './client';

/**
 * The personal-data requests' statements on PostgreSQL (Ley 1581): the same questions and writes
 * as SQLite's (db/sql/personal-data.ts explains them), run on the verb's transaction's connection.
 * Rows come back in SQLite's forms, so one export renders both: instants as Unix milliseconds,
 * booleans as 0/1, JSON as the text that was written.
 */

type Row = Record<string, unknown>;

const { builtins } = pg.types;
const toDate = pg.types.getTypeParser(builtins.TIMESTAMPTZ) as (text: string) => Date;

/** pg's parsers, but for the three types whose SQLite form differs. */
const SQLITE_FORMS = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === builtins.TIMESTAMPTZ) return (text: string) => toDate(text).getTime();
    if (oid === builtins.BOOL) return (text: string) => (text === 't' ? 1 : 0);
    if (oid === builtins.JSON || oid === builtins.JSONB) return (text: string) => text;
    return format === undefined
      ? pg.types.getTypeParser(oid)
      : pg.types.getTypeParser(oid, format as 'text');
  }) as typeof pg.types.getTypeParser,
};

async function rows<R = Row>(db: Queryable, text: string, values: unknown[] = []): Promise<R[]> {
  const result = await db.query({ text, values, types: SQLITE_FORMS });
  return result.rows as R[];
}

/** Positional parameters for a statement built in pieces: `p(value)` gives `$n`. */
function params() {
  const values: unknown[] = [];
  const p = (value: unknown) => {
    values.push(value);
    return `$${values.length}`;
  };
  return { values, p };
}

const SUMMARY = `SELECT c.id, c.document_type AS "documentType",
  c.document_number AS "documentNumber", c.full_name AS "fullName", c.email,
  c.anonymized_at AS "anonymizedAt",
  (SELECT count(*) FROM cases k WHERE k.customer_id = c.id) AS "caseCount" FROM customers c`;

/**
 * Exact document number, exact e-mail (any case) or a part of the name; at most 25. A part of
 * the name matches in any letter case (ILIKE), as SQLite's LIKE does; names sort by code point.
 */
export async function findCustomerSummaries(
  db: Queryable,
  q: string,
): Promise<RawCustomerSummary[]> {
  const like = `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
  return rows<RawCustomerSummary>(
    db,
    `${SUMMARY} WHERE c.document_number = $1 OR lower(c.email) = lower($2)
      OR c.full_name ILIKE $3 ESCAPE '\\' ORDER BY c.full_name COLLATE "C", c.id LIMIT 25`,
    [q.toUpperCase(), q, like],
  );
}

export async function customerSummary(
  db: Queryable,
  customerId: number,
): Promise<RawCustomerSummary | undefined> {
  return (await rows<RawCustomerSummary>(db, `${SUMMARY} WHERE c.id = $1`, [customerId]))[0];
}

export async function customerCaseList(db: Queryable, customerId: number) {
  return rows<{
    id: number;
    radicado: string;
    typeCode: string;
    state: string;
    subject: string;
    receivedAt: number;
  }>(
    db,
    `SELECT id, radicado, type_code AS "typeCode", state, subject, received_at AS "receivedAt"
      FROM cases WHERE customer_id = $1 ORDER BY received_at DESC, id DESC`,
    [customerId],
  );
}

/** The stored rows of one customer, as stored (the export renders dates and JSON). */
export async function customerRows(db: Queryable, customerId: number) {
  const [customer] = await rows(db, 'SELECT * FROM customers WHERE id = $1', [customerId]);
  if (!customer) return null;
  const consents = await rows(db, 'SELECT * FROM consents WHERE customer_id = $1 ORDER BY id', [
    customerId,
  ]);
  const cases = await rows(db, 'SELECT * FROM cases WHERE customer_id = $1 ORDER BY id', [
    customerId,
  ]);
  return { customer, consents, cases };
}

/** What the export holds of one case besides its row. */
export async function caseRecordRows(db: Queryable, caseId: unknown) {
  return {
    events: await rows(
      db,
      `SELECT id, action, actor_role, visibility, from_state, to_state, body, data, created_at
        FROM case_events WHERE case_id = $1 ORDER BY id`,
      [caseId],
    ),
    resultRatings: await rows(db, 'SELECT * FROM result_ratings WHERE case_id = $1 ORDER BY id', [
      caseId,
    ]),
    qualityRatings: await rows(
      db,
      `SELECT id, source, courtesy, clarity, created_at FROM quality_ratings
        WHERE case_id = $1 AND source = 'customer' ORDER BY id`,
      [caseId],
    ),
    attachments: await rows(
      db,
      `SELECT id, original_name, mime_type, size_bytes, sha256, visibility, created_at
        FROM attachments WHERE case_id = $1 ORDER BY id`,
      [caseId],
    ),
  };
}

export async function personalFields(
  db: Queryable,
  customerId: number,
): Promise<PersonalFields | undefined> {
  const [row] = await rows<PersonalFields>(
    db,
    `SELECT full_name, document_number, email, phone, address, anonymized_at
      FROM customers WHERE id = $1`,
    [customerId],
  );
  return row;
}

const OF_CUSTOMER = (p: (value: unknown) => string, customerId: number) =>
  `case_id IN (SELECT id FROM cases WHERE customer_id = ${p(customerId)})`;

/** db/sql/personal-data.ts `scrubCustomer`, on PostgreSQL (outbox.params is json: scrubbed as text). */
export async function scrubCustomer(
  db: Queryable,
  customerId: number,
  row: PersonalFields,
  change: Parameters<typeof liteScrubCustomer>[3],
): Promise<number> {
  const { personal, redacted } = change;
  const run = async (build: (p: (value: unknown) => string) => string) => {
    const { values, p } = params();
    const text = build(p);
    await db.query(text, values);
  };
  const scrub = (p: (value: unknown) => string, column: string) =>
    personal.reduce((expr, value) => `replace(${expr}, ${p(value)}, ${p(redacted)})`, column);
  await run(
    (p) => `UPDATE cases SET response_address = NULL WHERE customer_id = ${p(customerId)}
      AND response_address IN (${p(row.email ?? '')}, ${p(row.phone ?? '')}, ${p(row.address ?? '')})`,
  );
  if (personal.length > 0) {
    await run(
      (p) => `UPDATE cases SET subject = ${scrub(p, 'subject')},
        description = ${scrub(p, 'description')} WHERE customer_id = ${p(customerId)}`,
    );
    await run(
      (p) => `UPDATE outbox SET to_address = CASE
          WHEN to_address IN (${p(row.email ?? '')}, ${p(row.address ?? '')}) THEN ${p(redacted)}
          ELSE to_address END,
        subject = ${scrub(p, 'subject')}, body_text = ${scrub(p, 'body_text')},
        body_html = ${scrub(p, 'body_html')}, params = (${scrub(p, 'params::text')})::json
        WHERE ${OF_CUSTOMER(p, customerId)}`,
    );
  }
  // Their files, but the answer letters (redrawn by the caller): the rows stay, the bytes go.
  await run((p) => {
    const prefix = p(change.removedPrefix);
    return `UPDATE attachments SET stored_name = ${prefix} || stored_name,
        original_name = ${scrub(p, 'original_name')}
      WHERE kind <> 'answer_letter' AND NOT starts_with(stored_name, ${prefix})
        AND ${OF_CUSTOMER(p, customerId)}`;
  });
  // A mail or letter still queued for them (its address blanked above) is not sent.
  await run(
    (p) => `UPDATE outbox SET status = 'failed', last_error = ${p(change.cancelled)}
      WHERE status IN ('pending', 'sending') AND medium IN ('email', 'letter')
        AND to_address = ${p(redacted)} AND ${OF_CUSTOMER(p, customerId)}`,
  );
  const at = new Date(change.atMs).toISOString();
  await run(
    (p) => `UPDATE customers SET full_name = ${p(change.name)},
      document_number = ${p(`ANON-${customerId}`)}, email = NULL, phone = NULL, address = NULL,
      anonymized_at = ${p(at)}, updated_at = ${p(at)} WHERE id = ${p(customerId)}`,
  );
  const [count] = await rows<{ n: number }>(
    db,
    'SELECT count(*) AS n FROM cases WHERE customer_id = $1',
    [customerId],
  );
  return count!.n;
}

/** The files of one customer's cases (people's and answer letters), as stored. */
export async function customerFiles(db: Queryable, customerId: number): Promise<CustomerFile[]> {
  return rows<CustomerFile>(
    db,
    `SELECT id, stored_name AS "storedName", kind FROM attachments
      WHERE case_id IN (SELECT id FROM cases WHERE customer_id = $1) ORDER BY id`,
    [customerId],
  );
}

/** Points an answer letter at its redrawn file; 0 when it no longer names `from` (done already). */
export async function replaceLetterFile(
  db: Queryable,
  id: number,
  from: string,
  to: { storedName: string; originalName: string; sizeBytes: number; sha256: string },
): Promise<number> {
  const result = await db.query(
    `UPDATE attachments SET stored_name = $1, original_name = $2, size_bytes = $3, sha256 = $4
      WHERE id = $5 AND stored_name = $6 AND kind = 'answer_letter'`,
    [to.storedName, to.originalName, to.sizeBytes, to.sha256, id, from],
  );
  return result.rowCount ?? 0;
}

/** db/sql/personal-data.ts `anonymisedLeftovers`, on PostgreSQL. */
export async function anonymisedLeftovers(
  db: Queryable,
  removedPrefix: string,
  customerId: number | null,
) {
  const who = (p: (value: unknown) => string) =>
    customerId === null
      ? 'c.anonymized_at IS NOT NULL'
      : `c.id = ${p(customerId)} AND c.anonymized_at IS NOT NULL`;
  const files = params();
  const removed = await rows<{ name: string }>(
    db,
    `SELECT a.stored_name AS name FROM attachments a
      JOIN cases k ON k.id = a.case_id JOIN customers c ON c.id = k.customer_id
      WHERE ${who(files.p)} AND starts_with(a.stored_name, ${files.p(removedPrefix)})`,
    files.values,
  );
  const mails = params();
  const mail = await rows<{ messageId: string }>(
    db,
    `SELECT o.message_id AS "messageId" FROM outbox o
      JOIN cases k ON k.id = o.case_id JOIN customers c ON c.id = k.customer_id
      WHERE ${who(mails.p)} AND o.medium = 'email'`,
    mails.values,
  );
  return {
    removedFiles: removed.map((r) => r.name.slice(removedPrefix.length)),
    messageIds: mail.map((m) => m.messageId),
  };
}
