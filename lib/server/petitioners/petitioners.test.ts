import { first } from '@/db/rows';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conn } from '@/db/client';
import { caseEvents, cases, customers, resultRatings } from '@/db/tables';
import { SYSTEM_ACTOR, type Actor } from '../core/actor';
import { makeCtx } from '../core/context';
import { createCase } from '../cases/create-case';
import { receiveInboundMail } from '../intake/mail-inbound';
import {
  captureAppError,
  caseRow,
  countRows,
  eventsOf,
  fileCase,
  seedFixture,
  validFiling,
  type Fixture,
} from '../testing/fixtures';
import { openTestDb } from '../testing/test-db';
import { completeIdentity } from './complete-identity';
import { correctContact } from './correct-contact';
import { petitionerRecord } from './petitioner-record';
import { decideRepeatOffer } from './repeat-decision';

let db: Conn;
let cleanup: () => Promise<void>;
let fx: Fixture;

beforeEach(async () => {
  ({ db, cleanup } = await openTestDb());
  fx = await seedFixture(db);
});
afterEach(() => cleanup());

const LATER = new Date('2026-03-16T15:00:00Z');
const ctx = (actor: Actor, now = LATER) => makeCtx(db, actor, now);

/** A message reaching the PQRS mailbox from `from`, not answering any of ours. */
const mail = (from: string, subject: string) =>
  receiveInboundMail(
    ctx(SYSTEM_ACTOR),
    Buffer.from(
      [
        `From: ${from}`,
        'To: pqrs@entidad.gov.co',
        `Subject: ${subject}`,
        'Message-ID: <m-' + Math.random().toString(36).slice(2) + '@example.co>',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Escribo de nuevo porque sigue el cobro doble en mi factura de marzo.',
      ].join('\r\n'),
    ),
  );

/** A case filed by e-mail with no document, held by the first team. */
async function pendingIdentityCase() {
  const created = await mail('Luis Gómez <luis@example.co>', 'Solicitud de copia del contrato');
  if (created.outcome !== 'created') throw new Error('expected a new case');
  await db.update(cases).set({ teamId: fx.teamId }).where(eq(cases.id, created.caseId));
  return (await caseRow(db, created.caseId))!;
}

const LUIS = {
  documentType: 'CC',
  documentNumber: '79123456',
  fullName: 'Luis Alberto Gómez',
  phone: '3001234567',
} as const;

describe('completing a pending identity', () => {
  it('joins the case to a new petitioner and records before and after with who did it', async () => {
    const c = await pendingIdentityCase();
    expect(c.customerId).toBeNull();
    const done = await completeIdentity(ctx(fx.agent), {
      caseId: c.id,
      version: c.version,
      ...LUIS,
    });
    expect(done.isKnownPetitioner).toBe(false);
    expect(await caseRow(db, c.id)).toMatchObject({
      customerId: done.customerId,
      version: c.version + 1,
    });
    expect(
      await first(db.select().from(customers).where(eq(customers.id, done.customerId))),
    ).toMatchObject({ fullName: LUIS.fullName, email: 'luis@example.co', phone: LUIS.phone });
    const event = (await eventsOf(db, c.id)).find((e) => e.action === 'identity_completed');
    expect(event).toMatchObject({
      actorId: fx.agent.id,
      visibility: 'internal',
      data: {
        before: { customerId: null, responseAddress: 'luis@example.co' },
        after: { customerId: done.customerId, documentNumber: '79123456' },
      },
    });
  });

  it('joins a known petitioner without overwriting their data', async () => {
    const web = await fileCase(db);
    const known = (await caseRow(db, web.id))!.customerId!;
    const c = await pendingIdentityCase();
    const done = await completeIdentity(ctx(fx.agent), {
      caseId: c.id,
      version: c.version,
      documentType: 'CC',
      documentNumber: '1020304050',
      fullName: 'Otro Nombre',
    });
    expect(done).toMatchObject({ customerId: known, isKnownPetitioner: true });
    expect(
      (await first(db.select().from(customers).where(eq(customers.id, known))))?.fullName,
    ).toBe('Ana María Pérez');
  });

  it('is refused to an agent outside the case scope, writing nothing', async () => {
    const c = await pendingIdentityCase();
    const before = {
      customers: await countRows(db, customers),
      events: await countRows(db, caseEvents),
    };
    const error = await captureAppError(() =>
      completeIdentity(ctx(fx.otherAgent), { caseId: c.id, version: c.version, ...LUIS }),
    );
    expect(error.code).toBe('FORBIDDEN');
    expect((await caseRow(db, c.id))?.customerId).toBeNull();
    expect({
      customers: await countRows(db, customers),
      events: await countRows(db, caseEvents),
    }).toEqual(before);
  });

  it('names the field on bad input, and refuses a stale version or a known identity', async () => {
    const c = await pendingIdentityCase();
    const bad = await captureAppError(() =>
      completeIdentity(ctx(fx.agent), { caseId: c.id, version: c.version, documentType: 'CC' }),
    );
    expect(bad.code).toBe('VALIDATION');
    expect(Object.keys(bad.fieldErrors ?? {})).toEqual(
      expect.arrayContaining(['documentNumber', 'fullName']),
    );
    const stale = await captureAppError(() =>
      completeIdentity(ctx(fx.agent), { caseId: c.id, version: c.version - 1 || 99, ...LUIS }),
    );
    expect(stale.code).toBe('CONFLICT');
    const web = await fileCase(db);
    const again = await captureAppError(() =>
      completeIdentity(ctx(fx.supervisor), { caseId: web.id, version: 1, ...LUIS }),
    );
    expect(again.fieldErrors).toEqual({ documentNumber: ['identityKnown'] });
  });
});

describe('correcting contact data', () => {
  it('writes only what changed and audits each field before and after with the reason', async () => {
    const web = await fileCase(db);
    const customerId = (await caseRow(db, web.id))!.customerId!;
    const done = await correctContact(ctx(fx.supervisor), {
      customerId,
      fullName: 'Ana María Pérez',
      email: 'ana.perez@example.co',
      phone: '6015551234',
      reason: 'Llamó a actualizar su correo',
    });
    expect(done.changed).toEqual(['email', 'phone']);
    const event = await first(
      db.select().from(caseEvents).where(eq(caseEvents.action, 'petitioner_corrected')),
    );
    expect(event).toMatchObject({
      caseId: null,
      actorId: fx.supervisor.id,
      body: 'Llamó a actualizar su correo',
      data: {
        customerId,
        before: { email: 'ana@example.co', phone: null },
        after: { email: 'ana.perez@example.co', phone: '6015551234' },
      },
    });
    const unchanged = await captureAppError(() =>
      correctContact(ctx(fx.supervisor), {
        customerId,
        fullName: 'Ana María Pérez',
        email: 'ana.perez@example.co',
        phone: '6015551234',
        reason: 'Sin cambios reales',
      }),
    );
    expect(unchanged.fieldErrors).toEqual({ fullName: ['nothingChanged'] });
  });

  it('hides a petitioner from an agent with none of their cases, and names bad fields', async () => {
    const web = await fileCase(db);
    await db.update(cases).set({ teamId: fx.teamId }).where(eq(cases.id, web.id));
    const customerId = (await caseRow(db, web.id))!.customerId!;
    const input = { customerId, fullName: 'A', email: 'no-es-correo', reason: 'x' };
    const hidden = await captureAppError(() => correctContact(ctx(fx.otherAgent), input));
    expect(hidden.code).toBe('VALIDATION');
    expect(Object.keys(hidden.fieldErrors ?? {}).sort()).toEqual(['email', 'fullName', 'reason']);
    const outside = await captureAppError(() =>
      correctContact(ctx(fx.otherAgent), {
        customerId,
        fullName: 'Ana María Pérez',
        reason: 'Corrección de prueba',
      }),
    );
    expect(outside.code).toBe('NOT_FOUND');
    await expect(
      correctContact(ctx(fx.agent), { customerId, fullName: 'Ana M. Pérez', reason: 'Cédula' }),
    ).resolves.toEqual({ changed: ['fullName', 'email'] });
  });
});

describe('a known petitioner writes again', () => {
  it('offers a new e-mail as a repeat contact of their open case; join merges it there', async () => {
    const web = await fileCase(db);
    const created = await mail('Ana <ANA@example.co>', 'Otra vez el cobro doble de marzo');
    if (created.outcome !== 'created') throw new Error('expected a new case');
    const offered = (await caseRow(db, created.caseId))!;
    expect(offered.possibleRepeatOfId).toBe(web.id);
    expect((await eventsOf(db, offered.id)).map((e) => e.action)).toContain('repeat_offered');

    const joined = await decideRepeatOffer(ctx(fx.agent), {
      caseId: offered.id,
      version: offered.version,
      decision: 'join',
    });
    expect(joined).toMatchObject({ decision: 'join', radicado: web.radicado });
    expect(await caseRow(db, offered.id)).toMatchObject({
      state: 'fusionada',
      mergedIntoId: web.id,
      possibleRepeatOfId: null,
    });
    expect((await caseRow(db, web.id))?.repeatContactCount).toBe(1);
  });

  it('keeps both apart when staff say so, and offers nothing for an unknown sender', async () => {
    await fileCase(db);
    const created = await mail('ana@example.co', 'Consulta distinta sobre mi contrato');
    if (created.outcome !== 'created') throw new Error('expected a new case');
    const offered = (await caseRow(db, created.caseId))!;
    await decideRepeatOffer(ctx(fx.agent), {
      caseId: offered.id,
      version: offered.version,
      decision: 'separate',
    });
    expect(await caseRow(db, offered.id)).toMatchObject({
      state: 'radicada',
      possibleRepeatOfId: null,
    });
    expect((await eventsOf(db, offered.id)).at(-1)).toMatchObject({
      action: 'repeat_kept_apart',
      actorId: fx.agent.id,
    });
    const again = await captureAppError(() =>
      decideRepeatOffer(ctx(fx.agent), {
        caseId: offered.id,
        version: offered.version + 1,
        decision: 'join',
      }),
    );
    expect(again.fieldErrors).toEqual({ decision: ['noRepeatOffer'] });

    const stranger = await mail('otra@example.co', 'Primera vez que escribo a la entidad');
    if (stranger.outcome !== 'created') throw new Error('expected a new case');
    expect((await caseRow(db, stranger.caseId))?.possibleRepeatOfId).toBeNull();
  });

  it('offers an API filing by a known document, never an anonymous one', async () => {
    const web = await fileCase(db);
    const api = await createCase(
      ctx(SYSTEM_ACTOR),
      validFiling({
        channel: 'api',
        customer: { ...validFiling().customer!, email: 'otro@example.co' },
      }),
      { offerRepeat: true },
    );
    expect((await caseRow(db, api.id))?.possibleRepeatOfId).toBe(web.id);
    const portal = await fileCase(db, {}, LATER);
    expect((await caseRow(db, portal.id))?.possibleRepeatOfId).toBeNull();
  });
  it('offers a filing whose e-mail is on record under another document', async () => {
    // Two people on record share the address; the open case is the second one's.
    await fileCase(db, {
      customer: {
        ...validFiling().customer!,
        documentNumber: '111222333',
        email: 'casa@example.co',
      },
    });
    await db.update(cases).set({ state: 'cerrada' });
    const open = await fileCase(db, {
      customer: {
        ...validFiling().customer!,
        documentNumber: '444555666',
        email: 'CASA@example.co',
      },
    });
    const api = await createCase(
      ctx(SYSTEM_ACTOR),
      validFiling({
        channel: 'api',
        customer: {
          ...validFiling().customer!,
          documentNumber: '777888999',
          email: 'casa@example.co',
        },
      }),
      { offerRepeat: true },
    );
    expect((await caseRow(db, api.id))?.possibleRepeatOfId).toBe(open.id);
  });
});

describe('the petitioner record', () => {
  it('gathers cases across channels, results apart from experience, and every change', async () => {
    const web = await fileCase(db);
    const phone = await fileCase(db, { channel: 'phone', typeCode: 'P' }, LATER, fx.agent);
    await db.insert(resultRatings).values({ caseId: web.id, answer: 'no', createdAt: LATER });
    const customerId = (await caseRow(db, web.id))!.customerId!;
    await correctContact(ctx(fx.supervisor), {
      customerId,
      fullName: 'Ana María Pérez Ruiz',
      email: 'ana@example.co',
      reason: 'Segundo apellido',
    });
    const record = await petitionerRecord(ctx(fx.supervisor), { customerId });
    expect(record.cases.map((c) => [c.radicado, c.channel])).toEqual([
      [phone.radicado, 'phone'],
      [web.radicado, 'web'],
    ]);
    expect(record.results).toEqual([
      expect.objectContaining({ radicado: web.radicado, answer: 'no' }),
    ]);
    expect(record.changes).toEqual([
      expect.objectContaining({
        action: 'petitioner_corrected',
        before: { fullName: 'Ana María Pérez' },
        after: { fullName: 'Ana María Pérez Ruiz' },
        reason: 'Segundo apellido',
      }),
    ]);
    await db.update(cases).set({ teamId: fx.teamId });
    const agentView = await captureAppError(() =>
      petitionerRecord(ctx(fx.otherAgent), { customerId }),
    );
    expect(agentView.code).toBe('NOT_FOUND');
    expect((await petitionerRecord(ctx(fx.agent), { customerId })).cases).toHaveLength(2);
  });
});
