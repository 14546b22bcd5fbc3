import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, inArray } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Conn } from '@/db/client';
import { first } from '@/db/rows';
import { caseEvents, cases, customers, outbox } from '@/db/tables';
import { parseCaseQuery } from '@/lib/validation/case-query';
import { getCaseWithTimeline } from '../cases/get-case';
import { listCases } from '../cases/list-cases';
import { searchCases } from '../cases/search-cases';
import {
  captureAppError,
  caseRow,
  FILED_AT,
  fileCase,
  seedFixture,
  type Fixture,
} from '../testing/fixtures';
import { openTestDb } from '../testing/test-db';
import { verifyAuditChain } from './audit-verify';
import {
  ANONYMISED_NAME,
  anonymiseCustomer,
  exportCustomerData,
  findCustomers,
  getCustomerRecord,
} from './personal-data';
import { makeCtx } from '../core/context';

let db: Conn;
let cleanup: () => Promise<void>;
let fx: Fixture;

let files: string;

beforeEach(async () => {
  // The anonymisation deletes files: never the real folders beside the process's database.
  files = fs.mkdtempSync(path.join(os.tmpdir(), 'ventanilla-personal-data-'));
  vi.stubEnv('UPLOAD_DIR', path.join(files, 'uploads'));
  vi.stubEnv('MAIL_DIR', path.join(files, 'mail'));
  ({ db, cleanup } = await openTestDb());
  fx = await seedFixture(db);
});
afterEach(async () => {
  await cleanup();
  vi.unstubAllEnvs();
  fs.rmSync(files, { recursive: true, force: true });
});

const NOW = new Date('2026-04-20T15:00:00Z');
const PERSON = {
  documentType: 'CC' as const,
  documentNumber: '79888777',
  fullName: 'Zacarías Quintero Lozada',
  email: 'zacarias.quintero@example.co',
  phone: '3001234567',
  address: 'Calle 12 # 3-45, Tunja',
};

async function fileForPerson() {
  const first = await fileCase(db, {
    customer: PERSON,
    description: 'Yo, Zacarías Quintero Lozada, con cédula 79888777, reclamo un cobro doble.',
    responseMedium: 'email',
    responseAddress: PERSON.email,
  });
  const second = await fileCase(db, { customer: PERSON, subject: 'Segunda petición' });
  const other = await fileCase(db); // someone else's case
  const customerId = (await caseRow(db, first.id)).customerId!;
  return { first, second, other, customerId };
}

const customerEvents = async (action: string) =>
  await db
    .select({ caseId: caseEvents.caseId, actorId: caseEvents.actorId, data: caseEvents.data })
    .from(caseEvents)
    .where(eq(caseEvents.action, action));

const customerRow = async (id: number) =>
  await first(db.select().from(customers).where(eq(customers.id, id)));

describe('finding a customer', () => {
  it('finds by document number, e-mail or part of the name, with their cases', async () => {
    const { customerId, first, second } = await fileForPerson();
    for (const q of ['79888777', 'ZACARIAS.QUINTERO@example.co', 'Quintero', 'quintero l']) {
      expect(
        (await findCustomers(makeCtx(db, fx.admin), { q })).customers.map((c) => c.id),
      ).toEqual([customerId]);
    }
    const record = await getCustomerRecord(makeCtx(db, fx.admin), { customerId });
    expect(record.customer).toMatchObject({ fullName: PERSON.fullName, caseCount: 2 });
    expect(record.cases.map((c) => c.id).sort()).toEqual([first.id, second.id].sort());
  });
});

describe('exporting a customer’s data', () => {
  it('has their row, consents, cases with events, ratings and attachments; audited', async () => {
    const { customerId, first, other } = await fileForPerson();
    const data = await exportCustomerData(makeCtx(db, fx.admin, NOW), { customerId });
    expect(data.customer).toMatchObject({ full_name: PERSON.fullName, email: PERSON.email });
    expect(data.consents).toHaveLength(2);
    expect(data.consents[0]).toMatchObject({ accepted_at: FILED_AT.toISOString() });
    expect(data.cases.map((c) => c.id)).not.toContain(other.id);
    const firstOut = data.cases.find((c) => c.id === first.id)!;
    expect(firstOut).toMatchObject({ description: expect.stringContaining('cobro doble') });
    expect(firstOut).not.toHaveProperty('access_code_hash');
    // Instants as ISO text, flags as 0/1 and an event's data as JSON, whatever the engine.
    expect(firstOut).toMatchObject({ received_at: FILED_AT.toISOString(), is_anonymous: 0 });
    expect(firstOut.events[0]).toMatchObject({
      action: 'radicar',
      visibility: 'public',
      data: expect.objectContaining({ typeCode: (await caseRow(db, first.id)).typeCode }),
      created_at: FILED_AT.toISOString(),
    });
    expect(firstOut).toMatchObject({ resultRatings: [], qualityRatings: [], attachments: [] });
    expect(JSON.parse(JSON.stringify(data))).toBeTruthy();
    expect(await customerEvents('customer_exported')).toEqual([
      { caseId: null, actorId: fx.admin.id, data: { customerId } },
    ]);
  });
});

describe('anonymising a customer', () => {
  it('removes personal data everywhere staff look, keeps the cases, audits, and keeps the chain', async () => {
    const { customerId, first, second } = await fileForPerson();
    const result = await anonymiseCustomer(makeCtx(db, fx.admin, NOW), { customerId });
    expect(result).toMatchObject({ alreadyAnonymised: false, cases: 2 });

    expect(await customerRow(customerId)).toMatchObject({
      fullName: ANONYMISED_NAME,
      documentNumber: `ANON-${customerId}`,
      email: null,
      phone: null,
      address: null,
      anonymizedAt: NOW,
    });
    // Cases kept, with no trace of the person in their own columns.
    const kept = await db
      .select()
      .from(cases)
      .where(eq(cases.customerId, customerId))
      .orderBy(cases.id);
    expect(kept).toHaveLength(2);
    const text = JSON.stringify(kept);
    for (const value of Object.values(PERSON).slice(1)) expect(text).not.toContain(value);
    expect(kept[0]!.responseAddress).toBeNull();
    // The copies of the mail sent to them are scrubbed too.
    const mails = JSON.stringify(
      await db
        .select()
        .from(outbox)
        .where(inArray(outbox.caseId, [first.id, second.id])),
    );
    expect(mails).toContain(first.radicado);
    for (const value of Object.values(PERSON).slice(1)) expect(mails).not.toContain(value);

    // The case page, the queue, the search, the customer finder.
    for (const id of [first.id, second.id]) {
      const page = JSON.stringify(
        await getCaseWithTimeline(makeCtx(db, fx.admin, NOW), { caseId: id }),
      );
      for (const value of Object.values(PERSON).slice(1)) expect(page).not.toContain(value);
    }
    const queue = JSON.stringify(
      await listCases(makeCtx(db, fx.supervisor, NOW), { ...parseCaseQuery({}), queue: 'all' }),
    );
    expect(queue).not.toContain(PERSON.fullName);
    expect(queue).toContain(ANONYMISED_NAME);
    for (const q of ['Zacarías Quintero', 'Quintero', '79888777', 'zacarias.quintero']) {
      expect((await searchCases(makeCtx(db, fx.supervisor), { q })).rows).toEqual([]);
      expect((await findCustomers(makeCtx(db, fx.admin), { q })).customers).toEqual([]);
    }
    expect(await customerEvents('customer_anonymised')).toEqual([
      { caseId: null, actorId: fx.admin.id, data: { customerId } },
    ]);
    expect(await verifyAuditChain(makeCtx(db, fx.admin))).toMatchObject({ intact: true });
  });

  it('a second request is a no-op that says so', async () => {
    const { customerId } = await fileForPerson();
    await anonymiseCustomer(makeCtx(db, fx.admin, NOW), { customerId });
    const before = await customerRow(customerId);
    expect(await anonymiseCustomer(makeCtx(db, fx.admin), { customerId })).toEqual({
      alreadyAnonymised: true,
    });
    expect(await customerRow(customerId)).toEqual(before);
    expect(await customerEvents('customer_anonymised')).toHaveLength(1);
  });

  it('an unknown customer is NOT_FOUND', async () => {
    expect(
      (await captureAppError(() => anonymiseCustomer(makeCtx(db, fx.admin), { customerId: 999 })))
        .code,
    ).toBe('NOT_FOUND');
  });

  it('is for admins only: agents and supervisors get FORBIDDEN', async () => {
    const { customerId } = await fileForPerson();
    for (const who of [fx.agent, fx.supervisor]) {
      for (const run of [
        () => findCustomers(makeCtx(db, who), { q: 'Quintero' }),
        () => getCustomerRecord(makeCtx(db, who), { customerId }),
        () => exportCustomerData(makeCtx(db, who), { customerId }),
        () => anonymiseCustomer(makeCtx(db, who), { customerId }),
      ]) {
        expect((await captureAppError(run)).code).toBe('FORBIDDEN');
      }
    }
    expect(await customerEvents('customer_anonymised')).toEqual([]);
  });
});
