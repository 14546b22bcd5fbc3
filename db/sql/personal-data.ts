import { sql, type SQL } from 'drizzle-orm';
import type { Conn } from '../client';

/**
 * The raw SQL of the personal-data requests (Ley 1581): finding a customer, exporting everything
 * held about them, and anonymising them. Every function runs on the database or an open
 * transaction (the export and the anonymisation run inside the verb's one transaction).
 */

export interface RawCustomerSummary {
  id: number;
  documentType: string;
  documentNumber: string;
  fullName: string;
  email: string | null;
  anonymizedAt: number | null;
  caseCount: number;
}

type Row = Record<string, unknown>;

const SUMMARY = sql.raw(`SELECT c.id, c.document_type AS documentType,
  c.document_number AS documentNumber, c.full_name AS fullName, c.email,
  c.anonymized_at AS anonymizedAt,
  (SELECT count(*) FROM cases k WHERE k.customer_id = c.id) AS caseCount FROM customers c`);

/** Exact document number, exact e-mail (any case) or a part of the name; at most 25. */
export async function findCustomerSummaries(db: Conn, q: string): Promise<RawCustomerSummary[]> {
  const like = `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
  return await db.all<RawCustomerSummary>(
    sql`${SUMMARY} WHERE c.document_number = ${q.toUpperCase()} OR lower(c.email) = lower(${q})
      OR c.full_name LIKE ${like} ESCAPE '\\' ORDER BY c.full_name, c.id LIMIT 25`,
  );
}

export async function customerSummary(
  db: Conn,
  customerId: number,
): Promise<RawCustomerSummary | undefined> {
  return await db.get<RawCustomerSummary | undefined>(sql`${SUMMARY} WHERE c.id = ${customerId}`);
}

export async function customerCaseList(db: Conn, customerId: number) {
  return await db.all<{
    id: number;
    radicado: string;
    typeCode: string;
    state: string;
    subject: string;
    receivedAt: number;
  }>(
    sql`SELECT id, radicado, type_code AS typeCode, state, subject, received_at AS receivedAt
      FROM cases WHERE customer_id = ${customerId} ORDER BY received_at DESC, id DESC`,
  );
}

/** The stored rows of one customer, as stored (the export renders dates and JSON). */
export async function customerRows(db: Conn, customerId: number) {
  const customer = await db.get<Row | undefined>(
    sql`SELECT * FROM customers WHERE id = ${customerId}`,
  );
  if (!customer) return null;
  const consents = await db.all<Row>(
    sql`SELECT * FROM consents WHERE customer_id = ${customerId} ORDER BY id`,
  );
  const cases = await db.all<Row>(
    sql`SELECT * FROM cases WHERE customer_id = ${customerId} ORDER BY id`,
  );
  return { customer, consents, cases };
}

/** What the export holds of one case besides its row. */
export async function caseRecordRows(db: Conn, caseId: unknown) {
  return {
    events: await db.all<Row>(
      sql`SELECT id, action, actor_role, visibility, from_state, to_state, body, data, created_at
        FROM case_events WHERE case_id = ${caseId} ORDER BY id`,
    ),
    resultRatings: await db.all<Row>(sql`SELECT * FROM result_ratings WHERE case_id = ${caseId}`),
    qualityRatings: await db.all<Row>(
      sql`SELECT id, source, courtesy, clarity, created_at FROM quality_ratings
        WHERE case_id = ${caseId} AND source = 'customer'`,
    ),
    attachments: await db.all<Row>(
      sql`SELECT id, original_name, mime_type, size_bytes, sha256, visibility, created_at
        FROM attachments WHERE case_id = ${caseId} ORDER BY id`,
    ),
  };
}

export interface PersonalFields {
  full_name: string;
  document_number: string;
  email: string | null;
  phone: string | null;
  address: string | null;
  anonymized_at: number | null;
}

export async function personalFields(
  db: Conn,
  customerId: number,
): Promise<PersonalFields | undefined> {
  return await db.get<PersonalFields | undefined>(
    sql`SELECT full_name, document_number, email, phone, address, anonymized_at
      FROM customers WHERE id = ${customerId}`,
  );
}

/**
 * Removes one customer's personal data (their row, the response addresses that were theirs, and
 * every `personal` value inside their cases' subject and description and the copies of the mails
 * sent to them), each replaced by `redacted`; marks their cases' files removed (but the answer
 * letters) and cancels the mail still queued for those cases. Returns how many cases they have.
 */
export async function scrubCustomer(
  db: Conn,
  customerId: number,
  row: PersonalFields,
  change: {
    personal: readonly string[];
    redacted: string;
    name: string;
    atMs: number;
    /** Prefixed to the stored name of each file whose bytes go (uploads.ts REMOVED_PREFIX). */
    removedPrefix: string;
    /** Why a message still queued for them is not sent. */
    cancelled: string;
  },
): Promise<number> {
  const { personal, redacted } = change;
  const scrub = (column: string): SQL =>
    personal.reduce<SQL>(
      (expr, value) => sql`replace(${expr}, ${value}, ${redacted})`,
      sql.raw(column),
    );
  await db.run(
    sql`UPDATE cases SET response_address = NULL WHERE customer_id = ${customerId}
      AND response_address IN (${row.email ?? ''}, ${row.phone ?? ''}, ${row.address ?? ''})`,
  );
  if (personal.length > 0) {
    await db.run(
      sql`UPDATE cases SET subject = ${scrub('subject')}, description = ${scrub('description')}
        WHERE customer_id = ${customerId}`,
    );
    await db.run(
      sql`UPDATE outbox SET to_address = CASE WHEN to_address IN (${row.email ?? ''}, ${row.address ?? ''})
          THEN ${redacted} ELSE to_address END,
        subject = ${scrub('subject')}, body_text = ${scrub('body_text')},
        body_html = ${scrub('body_html')}, params = ${scrub('params')}
        WHERE case_id IN (SELECT id FROM cases WHERE customer_id = ${customerId})`,
    );
  }
  // Their files, but the answer letters (redrawn by the caller): the rows stay, the bytes go.
  await db.run(
    sql`UPDATE attachments SET stored_name = ${change.removedPrefix} || stored_name,
        original_name = ${scrub('original_name')}
      WHERE kind <> 'answer_letter' AND substr(stored_name, 1, ${change.removedPrefix.length}) <> ${change.removedPrefix}
        AND case_id IN (SELECT id FROM cases WHERE customer_id = ${customerId})`,
  );
  // A mail or letter still queued for them (its address blanked above) would go to nobody: it is
  // not sent. Staff's alerts about the case and the channel's webhooks go as usual.
  await db.run(
    sql`UPDATE outbox SET status = 'failed', last_error = ${change.cancelled}
      WHERE status IN ('pending', 'sending') AND medium IN ('email', 'letter')
        AND to_address = ${redacted}
        AND case_id IN (SELECT id FROM cases WHERE customer_id = ${customerId})`,
  );
  await db.run(
    sql`UPDATE customers SET full_name = ${change.name}, document_number = ${`ANON-${customerId}`},
      email = NULL, phone = NULL, address = NULL, anonymized_at = ${change.atMs},
      updated_at = ${change.atMs} WHERE id = ${customerId}`,
  );
  const count = await db.get<{ n: number }>(
    sql`SELECT count(*) AS n FROM cases WHERE customer_id = ${customerId}`,
  );
  return count.n;
}

export interface CustomerFile {
  id: number;
  storedName: string;
  kind: string;
}

/** The files of one customer's cases (people's and answer letters), as stored. */
export async function customerFiles(db: Conn, customerId: number): Promise<CustomerFile[]> {
  return await db.all<CustomerFile>(
    sql`SELECT id, stored_name AS storedName, kind FROM attachments
      WHERE case_id IN (SELECT id FROM cases WHERE customer_id = ${customerId}) ORDER BY id`,
  );
}

/** Points an answer letter at its redrawn file; 0 when it no longer names `from` (done already). */
export async function replaceLetterFile(
  db: Conn,
  id: number,
  from: string,
  to: { storedName: string; originalName: string; sizeBytes: number; sha256: string },
): Promise<number> {
  return (
    await db.run(
      sql`UPDATE attachments SET stored_name = ${to.storedName}, original_name = ${to.originalName},
        size_bytes = ${to.sizeBytes}, sha256 = ${to.sha256}
      WHERE id = ${id} AND stored_name = ${from} AND kind = 'answer_letter'`,
    )
  ).changes;
}

/**
 * What an anonymisation leaves to remove from disk, for one customer or (null) every anonymised
 * one: the stored names of their removed files (with the prefix) and the Message-IDs of the mail
 * of their cases, whose .eml copies go.
 */
export async function anonymisedLeftovers(
  db: Conn,
  removedPrefix: string,
  customerId: number | null,
) {
  const who =
    customerId === null
      ? sql`c.anonymized_at IS NOT NULL`
      : sql`c.id = ${customerId} AND c.anonymized_at IS NOT NULL`;
  const removed = await db.all<{ name: string }>(
    sql`SELECT a.stored_name AS name FROM attachments a
      JOIN cases k ON k.id = a.case_id JOIN customers c ON c.id = k.customer_id
      WHERE ${who} AND substr(a.stored_name, 1, ${removedPrefix.length}) = ${removedPrefix}`,
  );
  const mail = await db.all<{ messageId: string }>(
    sql`SELECT o.message_id AS messageId FROM outbox o
      JOIN cases k ON k.id = o.case_id JOIN customers c ON c.id = k.customer_id
      WHERE ${who} AND o.medium = 'email'`,
  );
  return {
    removedFiles: removed.map((r) => r.name.slice(removedPrefix.length)),
    messageIds: mail.map((m) => m.messageId),
  };
}
