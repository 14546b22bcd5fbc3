import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conn } from '@/db/client';
import { first } from '@/db/rows';
import {
  caseEvents,
  cases,
  caseTypes,
  caseTypeTerms,
  consents,
  customers,
  radicadoSequences,
} from '@/db/tables';
import { SYSTEM_ACTOR } from '../core/actor';
import { createCase } from './create-case';
import { failInserts, failureOf, tableDumps } from '../testing/engine-sql';
import { openTestDb } from '../testing/test-db';
import {
  FILED_AT,
  captureAppError,
  caseRow,
  countRows,
  eventsOf,
  fileCase,
  insertStaff,
  validFiling,
} from '../testing/fixtures';
import { makeCtx } from '@/lib/server/core/context';

let db: Conn;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ db, cleanup } = await openTestDb());
});
afterEach(() => cleanup());

/** Everything a filing writes; all zero means the filing left no trace. */
async function footprint() {
  return {
    cases: await countRows(db, cases),
    customers: await countRows(db, customers),
    consents: await countRows(db, consents),
    events: await countRows(db, caseEvents),
    sequences: await countRows(db, radicadoSequences),
  };
}
const EMPTY = { cases: 0, customers: 0, consents: 0, events: 0, sequences: 0 };

describe('createCase: what a filing writes', () => {
  it('writes the case, its radicado, the customer, the consent and exactly one radicar event', async () => {
    const created = await fileCase(db);

    expect(created.radicado).toBe('PQRS-2026-000001');
    expect(created.accessCode).toBeNull();
    const row = await caseRow(db, created.id);
    expect(row).toMatchObject({
      radicado: 'PQRS-2026-000001',
      typeCode: 'R',
      state: 'radicada',
      channel: 'web',
      subject: 'Cobro doble en la factura',
      isAnonymous: false,
      accessCodeHash: null,
      receivedAt: FILED_AT,
      termDays: 15,
      version: 1,
    });

    const customer = await first(
      db.select().from(customers).where(eq(customers.id, row.customerId!)),
    );
    expect(customer).toMatchObject({
      documentType: 'CC',
      documentNumber: '1020304050',
      fullName: 'Ana María Pérez',
      email: 'ana@example.co',
    });

    const consentRows = await db.select().from(consents);
    expect(consentRows).toEqual([
      expect.objectContaining({
        customerId: row.customerId,
        caseId: created.id,
        policyVersion: '1',
        acceptedAt: FILED_AT,
        channel: 'web',
      }),
    ]);

    const events = await eventsOf(db, created.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: 'radicar',
      actorRole: 'system',
      fromState: null,
      toState: 'radicada',
      visibility: 'public',
      createdAt: FILED_AT,
    });
    expect(await db.select().from(radicadoSequences)).toEqual([
      { prefix: 'PQRS', year: 2026, lastValue: 1 },
    ]);
  });

  it('numbers filings sequentially and reuses the customer of the same document', async () => {
    const numbers = await Promise.all(
      [0, 1, 2].map(
        async (i) => (await fileCase(db, {}, new Date(FILED_AT.getTime() + i * 60_000))).radicado,
      ),
    );
    // At once, they are numbered in the order they commit: gap-free, whichever came first.
    expect(numbers.sort()).toEqual(['PQRS-2026-000001', 'PQRS-2026-000002', 'PQRS-2026-000003']);
    expect(await countRows(db, customers)).toBe(1);
    expect(await countRows(db, consents)).toBe(3);
    expect(await countRows(db, caseEvents)).toBe(3);
  });

  it('updates the petitioner on record with a later filing; blanks never erase known data', async () => {
    const earlier = await fileCase(db, {
      customer: {
        documentType: 'CC',
        documentNumber: '1020304050',
        fullName: 'Ana María Pérez',
        email: 'ana@example.co',
        phone: '6015551234',
        address: 'Calle 1 # 2-3',
      },
    });
    const later = new Date(FILED_AT.getTime() + 60_000);
    const second = await fileCase(
      db,
      {
        customer: {
          documentType: 'CC',
          documentNumber: '1020304050',
          fullName: 'Ana María Pérez Gómez',
          address: 'Carrera 9 # 8-7',
        },
        // Answered by post: no e-mail given this time.
        responseMedium: 'postal',
        locale: 'en',
      },
      later,
    );
    const customerId = (await caseRow(db, earlier.id)).customerId!;
    expect((await caseRow(db, second.id)).customerId).toBe(customerId);
    expect(
      await first(db.select().from(customers).where(eq(customers.id, customerId))),
    ).toMatchObject({
      fullName: 'Ana María Pérez Gómez',
      email: 'ana@example.co',
      phone: '6015551234',
      address: 'Carrera 9 # 8-7',
      locale: 'en',
      createdAt: FILED_AT,
      updatedAt: later,
    });
    expect(await countRows(db, customers)).toBe(1);
  });

  it('records who radicated a verbal request taken by an agent', async () => {
    const agent = await insertStaff(db, { email: 'agente@example.co', role: 'agent' });
    const created = await fileCase(db, { channel: 'phone' }, FILED_AT, agent);
    expect((await caseRow(db, created.id)).createdById).toBe(agent.id);
    expect((await eventsOf(db, created.id))[0]).toMatchObject({
      actorRole: 'agent',
      actorId: agent.id,
    });
  });
});

describe('createCase: atomicity', () => {
  it('rolls back everything, including the radicado, when the event insert fails', async () => {
    const restore = await failInserts(db, 'case_events', 'audit down');
    expect(await failureOf(fileCase(db))).toMatch(/audit down/);
    expect(await footprint()).toEqual(EMPTY);

    await restore();
    // The number taken inside the failed transaction was never handed out.
    expect((await fileCase(db)).radicado).toBe('PQRS-2026-000001');
  });

  it('rolls back the sequence increment of an existing year too', async () => {
    await fileCase(db);
    await failInserts(db, 'consents', 'no consent store');
    const other = { customer: { ...validFiling().customer!, documentNumber: '999' } };
    expect(await failureOf(fileCase(db, other))).toMatch(/no consent store/);
    expect(await footprint()).toEqual({
      ...EMPTY,
      cases: 1,
      customers: 1,
      consents: 1,
      events: 1,
      sequences: 1,
    });
    expect((await first(db.select().from(radicadoSequences)))?.lastValue).toBe(1);
  });
});

describe('createCase: validation writes nothing', () => {
  const identity = validFiling().customer!;
  const invalidFilings: [string, Record<string, unknown>, string, string][] = [
    ['missing subject', { subject: undefined }, 'subject', 'required'],
    ['too-short description', { description: 'Muy corto' }, 'description', 'tooShort'],
    [
      'bad email',
      { customer: { ...identity, email: 'ana-at-example' } },
      'customer.email',
      'email',
    ],
    ['missing consent', { hasConsent: false }, 'hasConsent', 'consent'],
    ['unknown type', { typeCode: 'X' }, 'typeCode', 'required'],
    [
      'anonymous Reclamo',
      { isAnonymous: true, customer: undefined, hasConsent: false },
      'isAnonymous',
      'anonymousNotAllowed',
    ],
  ];

  it.each(invalidFilings)('%s → VALIDATION on the field', async (_name, overrides, field, key) => {
    const error = await captureAppError(() =>
      createCase(makeCtx(db, SYSTEM_ACTOR, FILED_AT), { ...validFiling(), ...overrides }),
    );
    expect(error.code).toBe('VALIDATION');
    expect(error.fieldErrors?.[field]).toContain(key);
    expect(await footprint()).toEqual(EMPTY);
  });

  it('refuses an identified filing without an identity', async () => {
    const error = await captureAppError(async () => await fileCase(db, { customer: undefined }));
    expect(error.code).toBe('VALIDATION');
    expect(error.fieldErrors).toHaveProperty(['customer.documentNumber']);
    expect(await footprint()).toEqual(EMPTY);
  });

  it('follows the configured type: an inactive type is refused, a configured anonymous one allowed', async () => {
    await db.insert(caseTypes).values([
      { code: 'P', allowsAnonymous: false, isActive: false },
      { code: 'R', allowsAnonymous: true },
    ]);
    const error = await captureAppError(async () => await fileCase(db, { typeCode: 'P' }));
    expect(error.code).toBe('VALIDATION');
    expect(error.fieldErrors?.typeCode).toEqual(['invalid']);
    expect(await footprint()).toEqual(EMPTY);
    expect(
      (await fileCase(db, { isAnonymous: true, customer: undefined })).accessCode,
    ).not.toBeNull();
  });

  it('refuses a customer filing on a staff channel, and records a web filing as theirs', async () => {
    const customer = { role: 'customer', id: null, caseId: null } as const;
    const error = await captureAppError(() =>
      createCase(makeCtx(db, customer, FILED_AT), validFiling({ channel: 'phone' })),
    );
    expect(error.code).toBe('FORBIDDEN');
    expect(await footprint()).toEqual(EMPTY);
    const created = await createCase(makeCtx(db, customer, FILED_AT), validFiling());
    expect((await eventsOf(db, created.id)).map((e) => [e.action, e.actorRole])).toEqual([
      ['radicar', 'customer'],
    ]);
  });
});

describe('createCase: radicado year in the organisation time zone', () => {
  it('gives a filing late on 31 December (Bogotá) a number of that year, and restarts in January', async () => {
    const lateOnNewYearsEve = new Date('2026-12-31T23:30:00-05:00'); // 2027-01-01 04:30 UTC
    expect((await fileCase(db, {}, lateOnNewYearsEve)).radicado).toBe('PQRS-2026-000001');
    expect((await fileCase(db, {}, new Date('2026-12-31T23:59:00-05:00'))).radicado).toBe(
      'PQRS-2026-000002',
    );
    expect((await fileCase(db, {}, new Date('2027-01-01T00:00:00-05:00'))).radicado).toBe(
      'PQRS-2027-000001',
    );
    expect((await fileCase(db, {}, new Date('2027-01-04T09:00:00-05:00'))).radicado).toBe(
      'PQRS-2027-000002',
    );
    const sequences = await db.select().from(radicadoSequences).orderBy(radicadoSequences.year);
    expect(sequences).toEqual([
      { prefix: 'PQRS', year: 2026, lastValue: 2 },
      { prefix: 'PQRS', year: 2027, lastValue: 2 },
    ]);
  });
});

describe('createCase: legal due date', () => {
  it('counts 15 business days for a Reclamo, skipping San José and Holy Week', async () => {
    // Day 1 is Monday 16 March; 23 March, 2 and 3 April 2026 are holidays.
    const created = await fileCase(db, {}, new Date('2026-03-13T16:30:00-05:00'));
    expect(created.termDays).toBe(15);
    expect(created.dueDate).toBe('2026-04-08');
    expect(created.dueAt?.toISOString()).toBe('2026-04-09T04:59:59.999Z');
    expect(await caseRow(db, created.id)).toMatchObject({ dueDate: '2026-04-08', isPaused: false });
    expect((await eventsOf(db, created.id))[0]?.data).toMatchObject({
      dueDate: '2026-04-08',
      termDays: 15,
    });
  });

  it('gives a Felicitación no due date', async () => {
    const created = await fileCase(db, { typeCode: 'F' });
    expect(created).toMatchObject({ termDays: null, dueDate: null, dueAt: null });
    expect(await caseRow(db, created.id)).toMatchObject({
      termDays: null,
      dueDate: null,
      dueAt: null,
    });
  });

  it('keeps the term in force at radication when a new term version starts later', async () => {
    await db.insert(caseTypes).values({ code: 'R', allowsAnonymous: false });
    await db
      .insert(caseTypeTerms)
      .values({ typeCode: 'R', termDays: 5, validFrom: new Date('2026-04-01T00:00:00-05:00') });

    const before = await fileCase(db, {}, new Date('2026-03-31T23:59:00-05:00'));
    const after = await fileCase(db, {}, new Date('2026-04-06T10:00:00-05:00'));

    expect(before.termDays).toBe(15);
    // Day 0 is 31 March; 2 and 3 April are holidays.
    expect(before.dueDate).toBe('2026-04-23');
    expect(after.termDays).toBe(5);
    expect(after.dueDate).toBe('2026-04-13');
    // The older case is untouched by the new version.
    expect(await caseRow(db, before.id)).toMatchObject({ termDays: 15, dueDate: '2026-04-23' });
  });
});

describe('createCase: anonymous filing', () => {
  it('returns an access code once and stores only its sha256', async () => {
    const created = await fileCase(db, {
      typeCode: 'D',
      isAnonymous: true,
      customer: undefined,
      hasConsent: false,
    });

    expect(created.accessCode).toMatch(/^[A-Z2-9]{12}$/);
    const code = created.accessCode!;
    const row = await caseRow(db, created.id);
    expect(row.isAnonymous).toBe(true);
    expect(row.customerId).toBeNull();
    expect(row.accessCodeHash).toBe(createHash('sha256').update(code).digest('hex'));
    expect(await countRows(db, customers)).toBe(0);
    expect(await countRows(db, consents)).toBe(0);

    // The code itself is nowhere in the database.
    const dumps = await tableDumps(db);
    expect(dumps.size).toBeGreaterThan(40);
    for (const [name, dump] of dumps) expect(dump, name).not.toContain(code);
  });
});
