import 'server-only';
import { getDb, type Db } from '@/db/client';
import type { Actor } from '@/lib/server/core/actor';
import { appendEvent } from '@/lib/server/core/audit';
import { AppError } from '@/lib/server/core/errors';
import { parseInput } from '@/lib/server/core/parse';
import { CustomerFinderSchema, CustomerIdSchema } from '@/lib/validation/admin-records';
import { assertAdmin } from './audit-log';

export const ANONYMISED_NAME = 'Titular anonimizado';
/** What replaces the person's name, document or e-mail inside a case's own subject/description. */
export const REDACTED = '[dato personal retirado]';

export interface CustomerSummary {
  id: number;
  documentType: string;
  documentNumber: string;
  fullName: string;
  email: string | null;
  anonymizedAt: Date | null;
  caseCount: number;
}

const SUMMARY = `SELECT c.id, c.document_type AS documentType, c.document_number AS documentNumber,
  c.full_name AS fullName, c.email, c.anonymized_at AS anonymizedAt,
  (SELECT count(*) FROM cases k WHERE k.customer_id = c.id) AS caseCount FROM customers c`;

type RawSummary = Omit<CustomerSummary, 'anonymizedAt'> & { anonymizedAt: number | null };
const toSummary = (r: RawSummary): CustomerSummary => ({
  ...r,
  anonymizedAt: r.anonymizedAt === null ? null : new Date(r.anonymizedAt),
});

/** Finds customers by exact document number, exact e-mail or a part of the name (at most 25). */
export function findCustomers(input: unknown, actor: Actor, options: { db?: Db } = {}) {
  assertAdmin(actor);
  const db = options.db ?? getDb();
  const { q } = parseInput(CustomerFinderSchema, input);
  const like = `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
  const rows = db.$client
    .prepare(
      `${SUMMARY} WHERE c.document_number = ? OR lower(c.email) = lower(?)
         OR c.full_name LIKE ? ESCAPE '\\' ORDER BY c.full_name, c.id LIMIT 25`,
    )
    .all(q.toUpperCase(), q, like) as RawSummary[];
  return { q, customers: rows.map(toSummary) };
}

function customerCases(db: Db, customerId: number) {
  return db.$client
    .prepare(
      `SELECT id, radicado, type_code AS typeCode, state, subject, received_at AS receivedAt
       FROM cases WHERE customer_id = ? ORDER BY received_at DESC, id DESC`,
    )
    .all(customerId) as {
    id: number;
    radicado: string;
    typeCode: string;
    state: string;
    subject: string;
    receivedAt: number;
  }[];
}

/** One customer and their cases, for the personal-data page. */
export function getCustomerRecord(input: unknown, actor: Actor, options: { db?: Db } = {}) {
  assertAdmin(actor);
  const db = options.db ?? getDb();
  const { customerId } = parseInput(CustomerIdSchema, input);
  const row = db.$client.prepare(`${SUMMARY} WHERE c.id = ?`).get(customerId) as
    RawSummary | undefined;
  if (!row) throw new AppError('NOT_FOUND', 'customer not found');
  const cases = customerCases(db, customerId).map((c) => ({
    ...c,
    receivedAt: new Date(c.receivedAt),
  }));
  return { customer: toSummary(row), cases };
}

const iso = (ms: unknown) => (typeof ms === 'number' ? new Date(ms).toISOString() : null);
const parseJson = (s: unknown) => (typeof s === 'string' ? (JSON.parse(s) as unknown) : null);

/**
 * Everything held about one customer (Ley 1581, art. 8: the right to know): their row, consents, and
 * every case of theirs with its events (public and internal), result and quality ratings and
 * attachments' metadata. The export itself is audited (`customer_exported`) in the same transaction.
 */
export function exportCustomerData(
  input: unknown,
  actor: Actor,
  options: { db?: Db; now?: Date } = {},
) {
  assertAdmin(actor);
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  const { customerId } = parseInput(CustomerIdSchema, input);
  const c = db.$client;
  return db.transaction(
    (tx) => {
      const customer = c.prepare('SELECT * FROM customers WHERE id = ?').get(customerId) as
        Record<string, unknown> | undefined;
      if (!customer) throw new AppError('NOT_FOUND', 'customer not found');
      const consents = (
        c.prepare('SELECT * FROM consents WHERE customer_id = ? ORDER BY id').all(customerId) as {
          accepted_at: number;
        }[]
      ).map((r) => ({ ...r, accepted_at: iso(r.accepted_at) }));
      const caseRows = c
        .prepare('SELECT * FROM cases WHERE customer_id = ? ORDER BY id')
        .all(customerId) as Record<string, unknown>[];
      const perCase = (sql: string, caseId: unknown) =>
        c.prepare(sql).all(caseId) as Record<string, unknown>[];
      const casesOut = caseRows.map((k) => {
        const { access_code_hash: _secret, ...row } = k;
        return {
          id: k.id as number,
          ...row,
          received_at: iso(k.received_at),
          due_at: iso(k.due_at),
          answered_at: iso(k.answered_at),
          closed_at: iso(k.closed_at),
          updated_at: iso(k.updated_at),
          events: perCase(
            `SELECT id, action, actor_role, visibility, from_state, to_state, body, data, created_at
             FROM case_events WHERE case_id = ? ORDER BY id`,
            k.id,
          ).map((e) => ({ ...e, data: parseJson(e.data), created_at: iso(e.created_at) })),
          resultRatings: perCase('SELECT * FROM result_ratings WHERE case_id = ?', k.id).map(
            (r) => ({ ...r, created_at: iso(r.created_at) }),
          ),
          qualityRatings: perCase(
            `SELECT id, source, courtesy, clarity, created_at FROM quality_ratings
             WHERE case_id = ? AND source = 'customer'`,
            k.id,
          ).map((r) => ({ ...r, created_at: iso(r.created_at) })),
          attachments: perCase(
            `SELECT id, original_name, mime_type, size_bytes, sha256, visibility, created_at
             FROM attachments WHERE case_id = ? ORDER BY id`,
            k.id,
          ).map((r) => ({ ...r, created_at: iso(r.created_at) })),
        };
      });
      appendEvent(tx, {
        caseId: null,
        action: 'customer_exported',
        actorRole: actor.role === 'admin' ? 'admin' : 'system',
        actorId: actor.id,
        visibility: 'internal',
        data: { customerId },
        createdAt: now,
      });
      return {
        exportedAt: now.toISOString(),
        customer: {
          ...customer,
          anonymized_at: iso(customer.anonymized_at),
          created_at: iso(customer.created_at),
          updated_at: iso(customer.updated_at),
        },
        consents,
        cases: casesOut,
      };
    },
    { behavior: 'immediate' },
  );
}

export type AnonymiseResult =
  { alreadyAnonymised: true } | { alreadyAnonymised: false; cases: number };

/**
 * Anonymises one customer on request (Ley 1581, art. 8 e): in ONE transaction their name, document,
 * e-mail, phone and address leave the customers row; their cases keep no response address that was
 * theirs; their name, document and e-mail are replaced inside their cases' subject and description
 * (the FTS triggers reindex those cases) and in the copies of the mails sent to them. The cases stay
 * (legal record). The audit history is append-only and hash-chained: its free text is NOT edited and
 * is kept for the legal record. A second request changes nothing.
 */
export function anonymiseCustomer(
  input: unknown,
  actor: Actor,
  options: { db?: Db; now?: Date } = {},
): AnonymiseResult {
  assertAdmin(actor);
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  const { customerId } = parseInput(CustomerIdSchema, input);
  const c = db.$client;
  return db.transaction(
    (tx) => {
      const row = c
        .prepare(
          'SELECT full_name, document_number, email, phone, address, anonymized_at FROM customers WHERE id = ?',
        )
        .get(customerId) as
        | {
            full_name: string;
            document_number: string;
            email: string | null;
            phone: string | null;
            address: string | null;
            anonymized_at: number | null;
          }
        | undefined;
      if (!row) throw new AppError('NOT_FOUND', 'customer not found');
      if (row.anonymized_at !== null) return { alreadyAnonymised: true as const };

      const personal = [row.full_name, row.document_number, row.email, row.phone, row.address]
        .filter((v): v is string => typeof v === 'string' && v.trim().length >= 3)
        .sort((a, b) => b.length - a.length);
      const scrub = (column: string) =>
        personal.reduce((expr) => `replace(${expr}, ?, '${REDACTED}')`, column);
      // Response addresses that were theirs (their e-mail, phone or address) go.
      c.prepare(
        `UPDATE cases SET response_address = NULL WHERE customer_id = ? AND response_address IN (?, ?, ?)`,
      ).run(customerId, row.email ?? '', row.phone ?? '', row.address ?? '');
      if (personal.length > 0) {
        c.prepare(
          `UPDATE cases SET subject = ${scrub('subject')}, description = ${scrub('description')}
           WHERE customer_id = ?`,
        ).run(...personal, ...personal, customerId);
        c.prepare(
          `UPDATE outbox SET to_address = CASE WHEN to_address IN (?, ?) THEN '${REDACTED}' ELSE to_address END,
             subject = ${scrub('subject')}, body_text = ${scrub('body_text')},
             body_html = ${scrub('body_html')}
           WHERE case_id IN (SELECT id FROM cases WHERE customer_id = ?)`,
        ).run(
          row.email ?? '',
          row.address ?? '',
          ...personal,
          ...personal,
          ...personal,
          customerId,
        );
      }
      c.prepare(
        `UPDATE customers SET full_name = ?, document_number = ?, email = NULL, phone = NULL,
           address = NULL, anonymized_at = ?, updated_at = ? WHERE id = ?`,
      ).run(ANONYMISED_NAME, `ANON-${customerId}`, now.getTime(), now.getTime(), customerId);
      appendEvent(tx, {
        caseId: null,
        action: 'customer_anonymised',
        actorRole: actor.role === 'admin' ? 'admin' : 'system',
        actorId: actor.id,
        visibility: 'internal',
        data: { customerId },
        createdAt: now,
      });
      const cases = (
        c.prepare('SELECT count(*) AS n FROM cases WHERE customer_id = ?').get(customerId) as {
          n: number;
        }
      ).n;
      return { alreadyAnonymised: false as const, cases };
    },
    { behavior: 'immediate' },
  );
}
