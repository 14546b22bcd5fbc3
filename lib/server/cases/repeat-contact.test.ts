import { first } from '@/db/rows';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conn } from '@/db/client';
import { caseEvents, cases, interactions } from '@/db/tables';
import { SYSTEM_ACTOR, type Actor } from '../core/actor';
import { applyCaseAction } from './apply-case-action';
import { addRepeatContact, findOpenCaseOfSameType } from './repeat-contact';
import {
  answerCase,
  captureAppError,
  caseRow,
  countRows,
  customerActor,
  eventsOf,
  FILED_AT,
  fileCase,
  seedFixture,
  type Fixture,
} from '../testing/fixtures';
import { openTestDb } from '../testing/test-db';
import { makeCtx } from '@/lib/server/core/context';

const ANA = { documentType: 'CC', documentNumber: '1020304050' } as const;
const LATER = new Date('2026-03-20T14:00:00Z');
const CONTACT = {
  subject: 'Sigue el cobro doble',
  description: 'Volvió a llegar la factura con el cobro doble; llamo otra vez para reclamar.',
  channel: 'phone',
} as const;

let db: Conn;
let cleanup: () => Promise<void>;
let fx: Fixture;

beforeEach(async () => {
  ({ db, cleanup } = await openTestDb());
  fx = await seedFixture(db);
});
afterEach(() => cleanup());

const add = async (caseId: number, input: unknown = CONTACT, actor: Actor = fx.agent) =>
  await addRepeatContact(makeCtx(db, actor, LATER), { caseId, ...(input as typeof CONTACT) });

describe('findOpenCaseOfSameType', () => {
  it('finds the most recent open case of that type for that document', async () => {
    const older = await fileCase(db);
    const newer = await fileCase(db, {}, new Date('2026-03-16T15:00:00Z'));
    await fileCase(db, { typeCode: 'P' }, new Date('2026-03-17T15:00:00Z'));
    expect(await findOpenCaseOfSameType(db, ANA, 'R')).toEqual({
      id: newer.id,
      radicado: newer.radicado,
      receivedAt: newer.receivedAt,
    });
    await applyCaseAction(makeCtx(db, fx.agent, LATER), { caseId: newer.id, action: 'take' });
    expect((await findOpenCaseOfSameType(db, ANA, 'R'))?.id).toBe(newer.id);
    await answerCase(db, newer.id, fx.agent, LATER);
    expect((await findOpenCaseOfSameType(db, ANA, 'R'))?.id).toBe(older.id);
  });

  it('counts a case awaiting information as open', async () => {
    const { id } = await fileCase(db);
    await applyCaseAction(makeCtx(db, fx.agent, LATER), { caseId: id, action: 'take' });
    await applyCaseAction(makeCtx(db, fx.agent, LATER), {
      caseId: id,
      action: 'request_info',
      body: 'Envíe la factura.',
    });
    expect((await caseRow(db, id)).state).toBe('requiere_informacion');
    expect((await findOpenCaseOfSameType(db, ANA, 'R'))?.id).toBe(id);
  });

  it('finds nothing for another document, another type, or an answered case', async () => {
    const { id } = await fileCase(db);
    expect(await findOpenCaseOfSameType(db, { ...ANA, documentType: 'CE' }, 'R')).toBeNull();
    expect(await findOpenCaseOfSameType(db, { ...ANA, documentNumber: '999' }, 'R')).toBeNull();
    expect(await findOpenCaseOfSameType(db, ANA, 'Q')).toBeNull();
    await answerCase(db, id, fx.agent, LATER);
    expect(await findOpenCaseOfSameType(db, ANA, 'R')).toBeNull();
  });

  it('never matches an anonymous case', async () => {
    await fileCase(db, { typeCode: 'D', isAnonymous: true, customer: undefined });
    expect(await findOpenCaseOfSameType(db, ANA, 'D')).toBeNull();
  });
});

describe('addRepeatContact', () => {
  it('adds a public event, an inbound interaction, and counts the repeat on the case', async () => {
    const { id, radicado } = await fileCase(db, {}, FILED_AT);
    const before = await caseRow(db, id);
    const added = await add(id);

    expect(added).toEqual({
      caseId: id,
      radicado,
      eventId: expect.any(Number),
      repeatContactCount: 1,
      version: before.version + 1,
    });
    expect(await caseRow(db, id)).toMatchObject({
      state: 'radicada',
      repeatContactCount: 1,
      version: before.version + 1,
      updatedAt: LATER,
    });
    expect((await eventsOf(db, id)).at(-1)).toMatchObject({
      id: added.eventId,
      action: 'repeat_contact',
      actorRole: 'agent',
      actorId: fx.agent.id,
      visibility: 'public',
      body: CONTACT.description,
      data: { subject: CONTACT.subject, channel: 'phone' },
      createdAt: LATER,
    });
    expect(await db.select().from(interactions).where(eq(interactions.caseId, id))).toEqual([
      expect.objectContaining({
        eventId: added.eventId,
        kind: 'call',
        direction: 'inbound',
        staffId: fx.agent.id,
        body: CONTACT.description,
        createdAt: LATER,
      }),
    ]);
    expect((await add(id, { ...CONTACT, channel: 'web' }, SYSTEM_ACTOR)).repeatContactCount).toBe(
      2,
    );
  });

  it('refuses a case that is no longer open, writing nothing', async () => {
    const { id } = await fileCase(db);
    await answerCase(db, id, fx.agent, LATER);
    const before = { row: await caseRow(db, id), events: await countRows(db, caseEvents) };
    const error = await captureAppError(async () => await add(id));
    expect(error.code).toBe('INVALID_TRANSITION');
    expect(error.detail).toEqual({ guard: 'not_open' });
    expect({ row: await caseRow(db, id), events: await countRows(db, caseEvents) }).toEqual(before);
    expect(await countRows(db, interactions)).toBe(1); // the answer only
  });

  it('lets a customer add to their own case from the web, and to no other', async () => {
    const { id } = await fileCase(db);
    const other = await fileCase(db, { typeCode: 'P' });
    const web = { ...CONTACT, channel: 'web' as const };
    expect(await add(id, web, customerActor(id))).toMatchObject({ repeatContactCount: 1 });
    expect((await eventsOf(db, id)).at(-1)).toMatchObject({ actorRole: 'customer', actorId: null });
    expect(
      (await captureAppError(async () => await add(other.id, web, customerActor(id)))).code,
    ).toBe('FORBIDDEN');
    expect(
      (await captureAppError(async () => await add(id, CONTACT, customerActor(id)))).code,
    ).toBe('FORBIDDEN');
    expect((await caseRow(db, other.id)).repeatContactCount).toBe(0);
  });

  it('refuses an unknown case and bad input', async () => {
    expect((await captureAppError(async () => await add(9999))).code).toBe('NOT_FOUND');
    const { id } = await fileCase(db);
    const error = await captureAppError(
      async () => await add(id, { subject: 'x', description: '', channel: 'fax' }),
    );
    expect(error.code).toBe('VALIDATION');
    expect(error.fieldErrors).toEqual({
      subject: ['tooShort'],
      description: expect.arrayContaining(['required']),
      channel: ['required'],
    });
    expect((await first(db.select().from(cases).where(eq(cases.id, id))))?.repeatContactCount).toBe(
      0,
    );
  });
});
