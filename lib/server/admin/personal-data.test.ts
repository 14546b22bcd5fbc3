import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Db } from '@/db/client';
import { parseCaseQuery } from '@/lib/validation/case-query';
import { getCaseWithTimeline } from '../cases/get-case';
import { listCases } from '../cases/list-cases';
import { searchCases } from '../cases/search-cases';
import { captureAppError, fileCase, seedFixture, type Fixture } from '../testing/fixtures';
import { createTestDb } from '../testing/test-db';
import { verifyAuditChain } from './audit-verify';
import {
  ANONYMISED_NAME,
  anonymiseCustomer,
  exportCustomerData,
  findCustomers,
  getCustomerRecord,
} from './personal-data';
import { makeCtx } from '../core/context';

let db: Db;
let cleanup: () => void;
let fx: Fixture;

let files: string;

beforeEach(async () => {
  // The anonymisation deletes files: never the real folders beside the process's database.
  files = fs.mkdtempSync(path.join(os.tmpdir(), 'ventanilla-personal-data-'));
  vi.stubEnv('UPLOAD_DIR', path.join(files, 'uploads'));
  vi.stubEnv('MAIL_DIR', path.join(files, 'mail'));
  ({ db, cleanup } = createTestDb());
  fx = await seedFixture(db);
});
afterEach(() => {
  cleanup();
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
  const customerId = (
    db.$client.prepare('SELECT customer_id AS id FROM cases WHERE id = ?').get(first.id) as {
      id: number;
    }
  ).id;
  return { first, second, other, customerId };
}

const customerEvents = (action: string) =>
  db.$client
    .prepare('SELECT case_id, actor_id, data FROM case_events WHERE action = ?')
    .all(action) as { case_id: number | null; actor_id: number; data: string }[];

describe('finding a customer', () => {
  it('finds by document number, e-mail or part of the name, with their cases', async () => {
    const { customerId, first, second } = await fileForPerson();
    for (const q of ['79888777', 'ZACARIAS.QUINTERO@example.co', 'Quintero']) {
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
    expect(data.cases.map((c) => c.id)).not.toContain(other.id);
    const firstOut = data.cases.find((c) => c.id === first.id)!;
    expect(firstOut).toMatchObject({ description: expect.stringContaining('cobro doble') });
    expect(firstOut).not.toHaveProperty('access_code_hash');
    expect(firstOut.events[0]).toMatchObject({ action: 'radicar', visibility: 'public' });
    expect(firstOut).toMatchObject({ resultRatings: [], qualityRatings: [], attachments: [] });
    expect(JSON.parse(JSON.stringify(data))).toBeTruthy();
    expect(customerEvents('customer_exported')).toEqual([
      { case_id: null, actor_id: fx.admin.id, data: JSON.stringify({ customerId }) },
    ]);
  });
});

describe('anonymising a customer', () => {
  it('removes personal data everywhere staff look, keeps the cases, audits, and keeps the chain', async () => {
    const { customerId, first, second } = await fileForPerson();
    const result = await anonymiseCustomer(makeCtx(db, fx.admin, NOW), { customerId });
    expect(result).toMatchObject({ alreadyAnonymised: false, cases: 2 });

    const row = db.$client.prepare('SELECT * FROM customers WHERE id = ?').get(customerId);
    expect(row).toMatchObject({
      full_name: ANONYMISED_NAME,
      document_number: `ANON-${customerId}`,
      email: null,
      phone: null,
      address: null,
      anonymized_at: NOW.getTime(),
    });
    // Cases kept, with no trace of the person in their own columns.
    const kept = db.$client
      .prepare('SELECT * FROM cases WHERE customer_id = ? ORDER BY id')
      .all(customerId) as Record<string, unknown>[];
    expect(kept).toHaveLength(2);
    const text = JSON.stringify(kept);
    for (const value of Object.values(PERSON).slice(1)) expect(text).not.toContain(value);
    expect(kept[0]!.response_address).toBeNull();

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
    expect(customerEvents('customer_anonymised')).toEqual([
      { case_id: null, actor_id: fx.admin.id, data: JSON.stringify({ customerId }) },
    ]);
    expect(await verifyAuditChain(makeCtx(db, fx.admin))).toMatchObject({ intact: true });
  });

  it('a second request is a no-op that says so', async () => {
    const { customerId } = await fileForPerson();
    await anonymiseCustomer(makeCtx(db, fx.admin, NOW), { customerId });
    const before = db.$client.prepare('SELECT * FROM customers WHERE id = ?').get(customerId);
    expect(await anonymiseCustomer(makeCtx(db, fx.admin), { customerId })).toEqual({
      alreadyAnonymised: true,
    });
    expect(db.$client.prepare('SELECT * FROM customers WHERE id = ?').get(customerId)).toEqual(
      before,
    );
    expect(customerEvents('customer_anonymised')).toHaveLength(1);
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
    expect(customerEvents('customer_anonymised')).toEqual([]);
  });
});
