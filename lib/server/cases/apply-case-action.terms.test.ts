/**
 * applyCaseAction where the legal clock moves: information requests (pause and resume), extensions,
 * reclassification and merging. Dates are worked out by hand with the Colombian calendar: in March
 * and April 2026 the holidays are 23 March (San José), 2 and 3 April (Holy Week).
 */
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { caseLinks, casePauses, cases, interactions } from '@/db/schema';
import { getOrganization, loadCalendar, receiptRuleOf } from '../core/organization';
import { computeCaseTerm } from './case-terms';
import type { Actor } from '../core/actor';
import { applyCaseAction } from './apply-case-action';
import {
  bogota,
  captureAppError,
  caseRow,
  eventsOf,
  fileCase,
  seedFixture,
  type Fixture,
} from '../testing/fixtures';
import { createTestDb } from '../testing/test-db';
import { makeCtx } from '@/lib/server/core/context';

const MONDAY = bogota('2026-03-16T10:00:00');

let db: Db;
let cleanup: () => void;
let fx: Fixture;

beforeEach(async () => {
  ({ db, cleanup } = createTestDb());
  fx = seedFixture(db);
});
afterEach(() => cleanup());

async function act(caseId: number, input: unknown, actor: Actor, now = MONDAY) {
  return await applyCaseAction(makeCtx(db, actor, now), { caseId, ...(input as object) });
}

/** Filed Friday 2026-03-13 16:30 (due 2026-04-08 for 15 days) and taken on Monday. */
async function caseInProgress(
  overrides: Parameters<typeof fileCase>[1] = {},
  documentNumber = '1020304050',
): Promise<number> {
  const { id } = await fileCase(
    db,
    {
      customer: {
        documentType: 'CC',
        documentNumber,
        fullName: 'Ana María Pérez',
        email: 'ana@example.co',
      },
      ...overrides,
    },
    bogota('2026-03-13T16:30:00'),
  );
  await act(id, { action: 'take' }, fx.agent);
  return id;
}

describe('information request (art. 17): the clock pauses and resumes', () => {
  it('moves the due date by the business days spent waiting', async () => {
    const id = await caseInProgress();
    expect(caseRow(db, id).dueDate).toBe('2026-04-08');

    // Wednesday 18 March: days 1–3 (16, 17, 18 March) are used.
    const pausedAt = bogota('2026-03-18T10:00:00');
    const paused = await act(
      id,
      { action: 'request_info', body: 'Adjunte la factura.' },
      fx.agent,
      pausedAt,
    );
    expect(paused).toMatchObject({ from: 'en_tramite', to: 'requiere_informacion' });
    expect(caseRow(db, id)).toMatchObject({ dueAt: null, dueDate: null, isPaused: true });
    expect(db.select().from(casePauses).all()).toEqual([
      {
        id: expect.any(Number),
        caseId: id,
        pausedAt,
        resumedAt: null,
        moreTimeAt: null,
        suspensionId: null,
      },
    ]);

    // Thursday 26 March. Waiting took 19, 20, 24, 25 and 26 March (23 is a holiday): 5 business
    // days. Counting resumes on 27 March as day 4 … day 15 lands on 15 April.
    const resumedAt = bogota('2026-03-26T09:00:00');
    const customer: Actor = { role: 'customer', id: null, caseId: id };
    const resumed = await act(
      id,
      { action: 'provide_info', body: 'Aquí está la factura.' },
      customer,
      resumedAt,
    );
    expect(resumed).toMatchObject({ from: 'requiere_informacion', to: 'en_tramite' });
    const row = caseRow(db, id);
    expect(row).toMatchObject({ dueDate: '2026-04-15', isPaused: false });
    expect(row.dueAt).toEqual(new Date('2026-04-16T04:59:59.999Z'));
    expect(db.select().from(casePauses).all()).toEqual([
      {
        id: expect.any(Number),
        caseId: id,
        pausedAt,
        resumedAt,
        moreTimeAt: null,
        suspensionId: null,
      },
    ]);
    expect(eventsOf(db, id).at(-1)).toMatchObject({
      action: 'provide_info',
      actorRole: 'customer',
      visibility: 'public',
    });
    // The request went out as an interaction of the agent (it carries handle time), the answer came in.
    expect(db.select().from(interactions).where(eq(interactions.caseId, id)).all()).toEqual([
      expect.objectContaining({ direction: 'outbound', kind: 'reply', staffId: fx.agent.id }),
      expect.objectContaining({ direction: 'inbound', body: 'Aquí está la factura.' }),
    ]);
  });

  it('is refused once 10 business days have passed since filing', async () => {
    const id = await caseInProgress();
    // 31 March is business day 11 (16–20, 24–27, 30, 31 March).
    const error = await captureAppError(
      async () =>
        await act(
          id,
          { action: 'request_info', body: 'Adjunte la factura.' },
          fx.agent,
          bogota('2026-03-31T09:00:00'),
        ),
    );
    expect(error).toMatchObject({
      code: 'INVALID_TRANSITION',
      detail: { guard: 'info_request_window_passed' },
    });
    expect(
      (
        await act(
          id,
          { action: 'request_info', body: 'Adjunte la factura.' },
          fx.agent,
          bogota('2026-03-30T17:00:00'),
        )
      ).to,
    ).toBe('requiere_informacion');
  });

  it('staff cannot answer for the customer', async () => {
    const id = await caseInProgress();
    await act(id, { action: 'request_info', body: 'Adjunte la factura.' }, fx.agent);
    expect(
      (
        await captureAppError(
          async () => await act(id, { action: 'provide_info', body: 'x' }, fx.agent),
        )
      ).code,
    ).toBe('FORBIDDEN');
  });
  it('ends as desistida (tacit withdrawal) only after a calendar month without an answer', async () => {
    const id = await caseInProgress();
    await act(
      id,
      { action: 'request_info', body: 'Adjunte la factura.' },
      fx.agent,
      bogota('2026-03-18T10:00:00'),
    );
    const system: Actor = { role: 'system', id: null };
    const early = await captureAppError(
      async () =>
        await act(id, { action: 'withdraw_tacit' }, system, bogota('2026-04-18T23:00:00')),
    );
    expect(early).toMatchObject({
      code: 'INVALID_TRANSITION',
      detail: { guard: 'waiting_period_not_over' },
    });
    const done = await act(id, { action: 'withdraw_tacit' }, system, bogota('2026-04-19T00:30:00'));
    expect(done).toMatchObject({ from: 'requiere_informacion', to: 'desistida' });
    expect(caseRow(db, id)).toMatchObject({ state: 'desistida', isPaused: false, dueAt: null });
  });
});

describe('extension (prórroga): once, before expiry, within twice the term', () => {
  // Day 30 counted from the same day 1 is 29 April 2026: the cap for a 15-day term.
  const extend = (newDueDate: string) => ({
    action: 'extend',
    reason: 'Requiere visita técnica',
    newDueDate,
  });

  it('is allowed up to the cap, and the due date becomes the new date', async () => {
    const id = await caseInProgress();
    const result = await act(id, extend('2026-04-29'), fx.agent, bogota('2026-04-08T23:59:00'));
    expect(result).toMatchObject({ from: 'en_tramite', to: 'en_tramite' });
    const row = caseRow(db, id);
    expect(row).toMatchObject({
      dueDate: '2026-04-29',
      extendedDueDate: '2026-04-29',
      extensionDays: 15,
      extensionReason: 'Requiere visita técnica',
    });
    expect(row.dueAt).toEqual(new Date('2026-04-30T04:59:59.999Z'));
    expect(eventsOf(db, id).at(-1)).toMatchObject({
      action: 'extend',
      visibility: 'public',
      data: { previousDueDate: '2026-04-08', newDueDate: '2026-04-29' },
    });
  });

  it('adds its business days to the term, so a later information request moves the new date', async () => {
    const id = await caseInProgress();
    // Tuesday 17 March: extended from 8 April to 20 April, 8 business days more.
    await act(id, extend('2026-04-20'), fx.agent, bogota('2026-03-17T09:00:00'));
    expect(caseRow(db, id)).toMatchObject({ dueDate: '2026-04-20', extensionDays: 8 });
    // Then information is requested on 18 March and arrives on 26 March: 5 business days of
    // waiting (19, 20, 24, 25, 26; 23 is San José), so the extended date moves 5 business days.
    const customer: Actor = { role: 'customer', id: null, caseId: id };
    await act(
      id,
      { action: 'request_info', body: 'Adjunte la factura.' },
      fx.agent,
      bogota('2026-03-18T10:00:00'),
    );
    await act(
      id,
      { action: 'provide_info', body: 'Adjunta.' },
      customer,
      bogota('2026-03-26T09:00:00'),
    );
    expect(caseRow(db, id)).toMatchObject({
      dueDate: '2026-04-27',
      extendedDueDate: '2026-04-20',
      isPaused: false,
    });
  });

  it('reads a case extended before extension days were kept by its new date', async () => {
    const id = await caseInProgress();
    await act(id, extend('2026-04-20'), fx.agent, bogota('2026-03-17T09:00:00'));
    db.update(cases).set({ extensionDays: null }).where(eq(cases.id, id)).run();
    const org = getOrganization(db);
    const term = computeCaseTerm(db, caseRow(db, id), loadCalendar(db, org), receiptRuleOf(org));
    expect(term).toMatchObject({ status: 'running', dueDate: '2026-04-20', isExtended: true });
  });

  it.each([
    ['beyond the cap', '2026-04-30', 'beyond_cap'],
    ['not later than the current due date', '2026-04-08', 'not_later'],
    ['on a Saturday', '2026-04-25', 'not_business_day'],
  ])('is refused %s (VALIDATION on newDueDate)', async (_name, date, key) => {
    const id = await caseInProgress();
    const before = caseRow(db, id);
    const error = await captureAppError(async () => await act(id, extend(date), fx.agent));
    expect(error.code).toBe('VALIDATION');
    expect(error.fieldErrors).toEqual({ newDueDate: [key] });
    expect(caseRow(db, id)).toEqual(before);
  });

  it('is refused a second time', async () => {
    const id = await caseInProgress();
    await act(id, extend('2026-04-20'), fx.agent);
    const before = caseRow(db, id);
    const error = await captureAppError(async () => await act(id, extend('2026-04-29'), fx.agent));
    expect(error).toMatchObject({
      code: 'INVALID_TRANSITION',
      detail: { guard: 'already_extended' },
    });
    expect(caseRow(db, id)).toEqual(before);
  });

  it('is refused after expiry', async () => {
    const id = await caseInProgress();
    const before = caseRow(db, id);
    const error = await captureAppError(
      async () => await act(id, extend('2026-04-29'), fx.agent, bogota('2026-04-09T00:00:00')),
    );
    expect(error).toMatchObject({ code: 'INVALID_TRANSITION', detail: { guard: 'term_expired' } });
    expect(caseRow(db, id)).toEqual(before);
  });

  it('is refused for a Felicitación, which has no legal term', async () => {
    const id = await caseInProgress({ typeCode: 'F' });
    const error = await captureAppError(async () => await act(id, extend('2026-04-29'), fx.agent));
    expect(error).toMatchObject({ code: 'INVALID_TRANSITION', detail: { guard: 'no_legal_term' } });
  });
});

describe('reclassify', () => {
  it('Petición → Consulta recomputes the term (15 → 30 days) and audits before and after', async () => {
    const { id } = await fileCase(db, { typeCode: 'P' }, bogota('2026-03-13T16:30:00'));
    expect(caseRow(db, id)).toMatchObject({ termDays: 15, dueDate: '2026-04-08' });

    const result = await act(
      id,
      { action: 'reclassify', typeCode: 'C', reason: 'Es una consulta' },
      fx.agent,
    );
    expect(result).toMatchObject({ from: 'radicada', to: 'radicada', version: 2 });
    const row = caseRow(db, id);
    expect(row).toMatchObject({ typeCode: 'C', termDays: 30, dueDate: '2026-04-29' });
    expect(row.dueAt).toEqual(new Date('2026-04-30T04:59:59.999Z'));

    const event = eventsOf(db, id).at(-1);
    expect(event).toMatchObject({
      action: 'reclassify',
      visibility: 'internal',
      body: 'Es una consulta',
    });
    expect(event?.data).toMatchObject({
      before: { typeCode: 'P', dueDate: '2026-04-08' },
      after: { typeCode: 'C', termDays: 30, dueDate: '2026-04-29' },
    });
  });

  it('to a Felicitación drops the due date', async () => {
    const { id } = await fileCase(db, { typeCode: 'P' });
    await act(id, { action: 'reclassify', typeCode: 'F' }, fx.agent);
    expect(caseRow(db, id)).toMatchObject({
      typeCode: 'F',
      termDays: null,
      dueDate: null,
      dueAt: null,
    });
  });
});

describe('merge', () => {
  it('closes the duplicate into the target, counting a repeat contact on the target', async () => {
    const target = await caseInProgress();
    const source = await caseInProgress({}, '5556667');
    const targetBefore = caseRow(db, target);

    const result = await act(source, { action: 'merge', targetCaseId: target }, fx.agent);
    expect(result).toMatchObject({ from: 'en_tramite', to: 'fusionada' });
    expect(caseRow(db, source)).toMatchObject({
      state: 'fusionada',
      mergedIntoId: target,
      closedAt: MONDAY,
      isPaused: false,
    });
    const targetAfter = caseRow(db, target);
    expect(targetAfter).toMatchObject({
      state: 'en_tramite',
      repeatContactCount: targetBefore.repeatContactCount + 1,
      version: targetBefore.version + 1,
      updatedAt: MONDAY,
    });
    expect(eventsOf(db, source).at(-1)).toMatchObject({
      action: 'merge',
      fromState: 'en_tramite',
      toState: 'fusionada',
      data: { targetCaseId: target },
    });
    expect(eventsOf(db, target).at(-1)).toMatchObject({
      action: 'merged_in',
      visibility: 'internal',
      data: { sourceCaseId: source },
    });
    expect(db.select().from(caseLinks).all()).toEqual([
      expect.objectContaining({ caseId: source, relatedCaseId: target, kind: 'duplicate' }),
    ]);
  });

  it('refuses merging into itself or into a case that is already merged', async () => {
    const a = await caseInProgress();
    const b = await caseInProgress({}, '5556667');
    const c = await caseInProgress({}, '5556668');
    expect(
      (
        await captureAppError(
          async () => await act(a, { action: 'merge', targetCaseId: a }, fx.agent),
        )
      ).fieldErrors,
    ).toEqual({
      targetCaseId: ['merge_into_self'],
    });
    await act(b, { action: 'merge', targetCaseId: a }, fx.agent);
    expect(
      (
        await captureAppError(
          async () => await act(c, { action: 'merge', targetCaseId: b }, fx.agent),
        )
      ).fieldErrors,
    ).toEqual({
      targetCaseId: ['targetClosed'],
    });
    expect(caseRow(db, c).state).toBe('en_tramite');
  });
});

describe('cases that end while waiting or across teams', () => {
  it('refuses to merge into a case the agent may not work on, and writes nothing', async () => {
    const source = await caseInProgress();
    const foreign = (await fileCase(db, {}, bogota('2026-03-13T17:00:00'))).id;
    await act(foreign, { action: 'take' }, fx.otherAgent);
    const before = caseRow(db, source);

    const error = await captureAppError(
      async () => await act(source, { action: 'merge', targetCaseId: foreign }, fx.agent),
    );
    expect(error.code).toBe('FORBIDDEN');
    expect(caseRow(db, source)).toEqual(before);
    expect(caseRow(db, foreign).repeatContactCount).toBe(0);
  });

  it('ends the open pause when a waiting case is withdrawn', async () => {
    const id = await caseInProgress();
    await act(id, { action: 'request_info', body: 'Adjunte la factura.' }, fx.agent);
    const withdrawnAt = bogota('2026-03-20T09:00:00');
    await act(
      id,
      { action: 'withdraw', reason: 'El ciudadano desiste por escrito.' },
      fx.agent,
      withdrawnAt,
    );
    expect(caseRow(db, id)).toMatchObject({
      state: 'desistida',
      isPaused: false,
      closedAt: withdrawnAt,
    });
    expect(db.select().from(casePauses).where(eq(casePauses.caseId, id)).get()?.resumedAt).toEqual(
      withdrawnAt,
    );
  });
});
