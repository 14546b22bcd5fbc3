import 'server-only';
import { mapInOrder } from '../core/in-order';
import type { Conn } from '@/db/client';
import * as pgData from '@/db/pg/personal-data';
import { isPg, pgQueryable } from '@/db/pg/transactions';
import * as liteData from '@/db/sql/personal-data';
import type { RawCustomerSummary } from '@/db/sql/personal-data';
import { CustomerFinderSchema, CustomerIdSchema } from '@/lib/validation/admin-records';
import { withTransaction, type Ctx } from '../core/context';
import { AppError } from '../core/errors';
import { requireRole } from '../core/guard';
import { parseInput } from '../core/parse';
import { REMOVED_PREFIX } from '../cases/uploads';
import { appendAdminEvent } from './admin-event';
import {
  redrawLetters,
  removeAnonymisedFiles,
  swapLetters,
  type RemovedFiles,
} from './anonymised-files';
import { ANONYMISED_NAME, personalValues, REDACTED } from './redaction';

export { ANONYMISED_NAME, REDACTED } from './redaction';

// Each engine's statements (db/sql/personal-data.ts, db/pg/personal-data.ts), on `db`.
const findCustomerSummaries = (db: Conn, q: string) =>
  isPg(db)
    ? pgData.findCustomerSummaries(pgQueryable(db), q)
    : liteData.findCustomerSummaries(db, q);
const customerSummary = (db: Conn, id: number) =>
  isPg(db) ? pgData.customerSummary(pgQueryable(db), id) : liteData.customerSummary(db, id);
const customerCaseList = (db: Conn, id: number) =>
  isPg(db) ? pgData.customerCaseList(pgQueryable(db), id) : liteData.customerCaseList(db, id);
const customerRows = (db: Conn, id: number) =>
  isPg(db) ? pgData.customerRows(pgQueryable(db), id) : liteData.customerRows(db, id);
const caseRecordRows = (db: Conn, caseId: unknown) =>
  isPg(db) ? pgData.caseRecordRows(pgQueryable(db), caseId) : liteData.caseRecordRows(db, caseId);
const personalFields = (db: Conn, id: number) =>
  isPg(db) ? pgData.personalFields(pgQueryable(db), id) : liteData.personalFields(db, id);
const scrubCustomer = (
  db: Conn,
  customerId: number,
  row: liteData.PersonalFields,
  change: Parameters<typeof liteData.scrubCustomer>[3],
) =>
  isPg(db)
    ? pgData.scrubCustomer(pgQueryable(db), customerId, row, change)
    : liteData.scrubCustomer(db, customerId, row, change);

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
  return { q, customers: (await findCustomerSummaries(ctx.db, q)).map(toSummary) };
}

/** One customer and their cases, for the personal-data page. */
export async function getCustomerRecord(ctx: Ctx, input: unknown) {
  requireRole(ctx.actor, 'admin');
  const { customerId } = parseInput(CustomerIdSchema, input);
  const row = await customerSummary(ctx.db, customerId);
  if (!row) throw new AppError('NOT_FOUND', 'customer not found');
  const cases = (await customerCaseList(ctx.db, customerId)).map((c) => ({
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
  return withTransaction(ctx, async (tx) => {
    const stored = await customerRows(tx.db, customerId);
    if (!stored) throw new AppError('NOT_FOUND', 'customer not found');
    const { customer } = stored;
    const consents = stored.consents.map((r) => ({ ...r, accepted_at: iso(r.accepted_at) }));
    const casesOut = await mapInOrder(stored.cases, async (k) => {
      const { access_code_hash: _secret, ...row } = k;
      const record = await caseRecordRows(tx.db, k.id);
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
    await appendAdminEvent(tx, 'customer_exported', { customerId });
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
  | { alreadyAnonymised: true }
  | { alreadyAnonymised: false; cases: number; removedFiles: RemovedFiles | null };

/** Why a mail still queued for an anonymised customer is not sent (outbox.last_error). */
export const CANCELLED_BY_ANONYMISATION = 'cancelled: the petitioner was anonymised';

/**
 * Anonymises one customer on request (Ley 1581, art. 8 e): in ONE transaction their name, document,
 * e-mail, phone and address leave the customers row; their cases keep no response address that was
 * theirs; their name, document and e-mail are replaced inside their cases' subject and description
 * (the FTS triggers reindex those cases) and in the copies of the mails sent to them; mail still
 * queued for them is cancelled. The cases stay (legal record). The audit history is append-only and
 * hash-chained: its free text is NOT edited and is kept for the legal record. On disk
 * (anonymised-files.ts) their answer letters are redrawn without them, every other file of their
 * cases and the .eml copies of their cases' mail are deleted. A second request changes nothing.
 */
export async function anonymiseCustomer(ctx: Ctx, input: unknown): Promise<AnonymiseResult> {
  requireRole(ctx.actor, 'admin');
  const { customerId } = parseInput(CustomerIdSchema, input);
  const before = await personalFields(ctx.db, customerId);
  if (!before) throw new AppError('NOT_FOUND', 'customer not found');
  if (before.anonymized_at !== null) {
    // A request again finishes on disk what an interrupted one left (nothing, normally).
    await removeFilesAfterCommit(ctx, customerId, []);
    return { alreadyAnonymised: true };
  }
  const personal = personalValues(before);
  const redrawn = await redrawLetters(ctx, customerId, personal);
  let cases: number | null;
  try {
    cases = await withTransaction(ctx, async (tx) => {
      const row = await personalFields(tx.db, customerId);
      if (!row) throw new AppError('NOT_FOUND', 'customer not found');
      if (row.anonymized_at !== null) return null;
      // The letters were redacted with the values read before: they must still be the ones.
      if (personalValues(row).join('\n') !== personal.join('\n')) {
        throw new AppError('CONFLICT', 'the customer changed meanwhile');
      }
      await swapLetters(tx.db, customerId, redrawn.letters);
      const count = await scrubCustomer(tx.db, customerId, row, {
        personal,
        redacted: REDACTED,
        name: ANONYMISED_NAME,
        atMs: tx.now.getTime(),
        removedPrefix: REMOVED_PREFIX,
        cancelled: CANCELLED_BY_ANONYMISATION,
      });
      await appendAdminEvent(tx, 'customer_anonymised', { customerId });
      return count;
    });
  } catch (error) {
    redrawn.discard();
    throw error;
  }
  if (cases === null) redrawn.discard();
  // The bytes go after the commit; what a failure here leaves, the sweep job finishes.
  const oldLetters = cases === null ? [] : redrawn.letters.map((l) => l.from);
  const removedFiles = await removeFilesAfterCommit(ctx, customerId, oldLetters);
  return cases === null
    ? { alreadyAnonymised: true }
    : { alreadyAnonymised: false, cases, removedFiles };
}

async function removeFilesAfterCommit(ctx: Ctx, customerId: number, oldLetters: string[]) {
  try {
    return await removeAnonymisedFiles(ctx, customerId, oldLetters);
  } catch (error) {
    console.error('anonymisation: files left to the sweep job:', error);
    return null;
  }
}
