import 'server-only';
import {
  caseRecordRows,
  customerCaseList,
  customerRows,
  customerSummary,
  findCustomerSummaries,
  personalFields,
  scrubCustomer,
  type RawCustomerSummary,
} from '@/db/sql/personal-data';
import { CustomerFinderSchema, CustomerIdSchema } from '@/lib/validation/admin-records';
import { withTransaction, type Ctx } from '../core/context';
import { AppError } from '../core/errors';
import { requireRole } from '../core/guard';
import { parseInput } from '../core/parse';
import { appendAdminEvent } from './admin-event';

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

const toSummary = (r: RawCustomerSummary): CustomerSummary => ({
  ...r,
  anonymizedAt: r.anonymizedAt === null ? null : new Date(r.anonymizedAt),
});

/** Finds customers by exact document number, exact e-mail or a part of the name (at most 25). */
export async function findCustomers(ctx: Ctx, input: unknown) {
  requireRole(ctx.actor, 'admin');
  const { q } = parseInput(CustomerFinderSchema, input);
  return { q, customers: findCustomerSummaries(ctx.db, q).map(toSummary) };
}

/** One customer and their cases, for the personal-data page. */
export async function getCustomerRecord(ctx: Ctx, input: unknown) {
  requireRole(ctx.actor, 'admin');
  const { customerId } = parseInput(CustomerIdSchema, input);
  const row = customerSummary(ctx.db, customerId);
  if (!row) throw new AppError('NOT_FOUND', 'customer not found');
  const cases = customerCaseList(ctx.db, customerId).map((c) => ({
    ...c,
    receivedAt: new Date(c.receivedAt),
  }));
  return { customer: toSummary(row), cases };
}

const iso = (ms: unknown) => (typeof ms === 'number' ? new Date(ms).toISOString() : null);
const parseJson = (s: unknown) => (typeof s === 'string' ? (JSON.parse(s) as unknown) : null);
const withIsoDate = (r: Record<string, unknown>) => ({ ...r, created_at: iso(r.created_at) });

/**
 * Everything held about one customer (Ley 1581, art. 8: the right to know): their row, consents, and
 * every case of theirs with its events (public and internal), result and quality ratings and
 * attachments' metadata. The export itself is audited (`customer_exported`) in the same transaction.
 */
export async function exportCustomerData(ctx: Ctx, input: unknown) {
  requireRole(ctx.actor, 'admin');
  const { customerId } = parseInput(CustomerIdSchema, input);
  return withTransaction(ctx, (tx) => {
    const stored = customerRows(tx.db, customerId);
    if (!stored) throw new AppError('NOT_FOUND', 'customer not found');
    const { customer } = stored;
    const consents = stored.consents.map((r) => ({ ...r, accepted_at: iso(r.accepted_at) }));
    const casesOut = stored.cases.map((k) => {
      const { access_code_hash: _secret, ...row } = k;
      const record = caseRecordRows(tx.db, k.id);
      return {
        id: k.id as number,
        ...row,
        received_at: iso(k.received_at),
        due_at: iso(k.due_at),
        answered_at: iso(k.answered_at),
        closed_at: iso(k.closed_at),
        updated_at: iso(k.updated_at),
        events: record.events.map((e) => ({
          ...e,
          data: parseJson(e.data),
          created_at: iso(e.created_at),
        })),
        resultRatings: record.resultRatings.map(withIsoDate),
        qualityRatings: record.qualityRatings.map(withIsoDate),
        attachments: record.attachments.map(withIsoDate),
      };
    });
    appendAdminEvent(tx, 'customer_exported', { customerId });
    return {
      exportedAt: tx.now.toISOString(),
      customer: {
        ...customer,
        anonymized_at: iso(customer.anonymized_at),
        created_at: iso(customer.created_at),
        updated_at: iso(customer.updated_at),
      },
      consents,
      cases: casesOut,
    };
  });
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
export async function anonymiseCustomer(ctx: Ctx, input: unknown): Promise<AnonymiseResult> {
  requireRole(ctx.actor, 'admin');
  const { customerId } = parseInput(CustomerIdSchema, input);
  return withTransaction(ctx, (tx): AnonymiseResult => {
    const row = personalFields(tx.db, customerId);
    if (!row) throw new AppError('NOT_FOUND', 'customer not found');
    if (row.anonymized_at !== null) return { alreadyAnonymised: true };
    const personal = [row.full_name, row.document_number, row.email, row.phone, row.address]
      .filter((v): v is string => typeof v === 'string' && v.trim().length >= 3)
      .sort((a, b) => b.length - a.length);
    const cases = scrubCustomer(tx.db, customerId, row, {
      personal,
      redacted: REDACTED,
      name: ANONYMISED_NAME,
      atMs: tx.now.getTime(),
    });
    appendAdminEvent(tx, 'customer_anonymised', { customerId });
    return { alreadyAnonymised: false, cases };
  });
}
