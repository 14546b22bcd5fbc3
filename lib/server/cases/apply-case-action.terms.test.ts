/**
 * applyCaseAction where the legal clock moves: information requests (pause and resume),
 * reclassification and merging (extensions: apply-case-action.extension.test.ts). Dates are worked
 * out by hand with the Colombian calendar: in March and April 2026 the holidays are 23 March (San
 * José), 2 and 3 April (Holy Week).
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { first } from '@/db/rows';
import { caseLinks, casePauses, interactions } from '@/db/tables';
import type { Actor } from '../core/actor';
import { bogota, captureAppError, caseRow, eventsOf, fileCase } from '../testing/fixtures';
import { freshDbPerTest } from '../testing/fresh-db';
import { MONDAY, termsCases } from '../testing/terms-cases';

const fresh = freshDbPerTest();
const { act, caseInProgress } = termsCases(fresh);

describe('information request (art. 17): the clock pauses and resumes', () => {
  it('moves the due date by the business days spent waiting', async () => {
    const id = await caseInProgress();
    expect((await caseRow(fresh.db, id)).dueDate).toBe('2026-04-08');

    // Wednesday 18 March: days 1–3 (16, 17, 18 March) are used.
    const pausedAt = bogota('2026-03-18T10:00:00');
    const paused = await act(
      id,
      { action: 'request_info', body: 'Adjunte la factura.' },
      fresh.fx.agent,
      pausedAt,
    );
    expect(paused).toMatchObject({ from: 'en_tramite', to: 'requiere_informacion' });
    expect(await caseRow(fresh.db, id)).toMatchObject({
      dueAt: null,
      dueDate: null,
      isPaused: true,
    });
    expect(await fresh.db.select().from(casePauses)).toEqual([
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
    const row = await caseRow(fresh.db, id);
    expect(row).toMatchObject({ dueDate: '2026-04-15', isPaused: false });
    expect(row.dueAt).toEqual(new Date('2026-04-16T04:59:59.999Z'));
    expect(await fresh.db.select().from(casePauses)).toEqual([
      {
        id: expect.any(Number),
        caseId: id,
        pausedAt,
        resumedAt,
        moreTimeAt: null,
        suspensionId: null,
      },
    ]);
    expect((await eventsOf(fresh.db, id)).at(-1)).toMatchObject({
      action: 'provide_info',
      actorRole: 'customer',
      visibility: 'public',
    });
    // The request went out as an interaction of the agent (it carries handle time), the answer came in.
    expect(
      await fresh.db
        .select()
        .from(interactions)
        .where(eq(interactions.caseId, id))
        .orderBy(interactions.id),
    ).toEqual([
      expect.objectContaining({ direction: 'outbound', kind: 'reply', staffId: fresh.fx.agent.id }),
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
          fresh.fx.agent,
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
          fresh.fx.agent,
          bogota('2026-03-30T17:00:00'),
        )
      ).to,
    ).toBe('requiere_informacion');
  });

  it('staff cannot answer for the customer', async () => {
    const id = await caseInProgress();
    await act(id, { action: 'request_info', body: 'Adjunte la factura.' }, fresh.fx.agent);
    expect(
      (
        await captureAppError(
          async () => await act(id, { action: 'provide_info', body: 'x' }, fresh.fx.agent),
        )
      ).code,
    ).toBe('FORBIDDEN');
  });
  it('ends as desistida (tacit withdrawal) only after a calendar month without an answer', async () => {
    const id = await caseInProgress();
    await act(
      id,
      { action: 'request_info', body: 'Adjunte la factura.' },
      fresh.fx.agent,
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
    expect(await caseRow(fresh.db, id)).toMatchObject({
      state: 'desistida',
      isPaused: false,
      dueAt: null,
    });
  });
});

describe('reclassify', () => {
  it('Petición → Consulta recomputes the term (15 → 30 days) and audits before and after', async () => {
    const { id } = await fileCase(fresh.db, { typeCode: 'P' }, bogota('2026-03-13T16:30:00'));
    expect(await caseRow(fresh.db, id)).toMatchObject({ termDays: 15, dueDate: '2026-04-08' });

    const result = await act(
      id,
      { action: 'reclassify', typeCode: 'C', reason: 'Es una consulta' },
      fresh.fx.agent,
    );
    expect(result).toMatchObject({ from: 'radicada', to: 'radicada', version: 2 });
    const row = await caseRow(fresh.db, id);
    expect(row).toMatchObject({ typeCode: 'C', termDays: 30, dueDate: '2026-04-29' });
    expect(row.dueAt).toEqual(new Date('2026-04-30T04:59:59.999Z'));

    const event = (await eventsOf(fresh.db, id)).at(-1);
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
    const { id } = await fileCase(fresh.db, { typeCode: 'P' });
    await act(id, { action: 'reclassify', typeCode: 'F' }, fresh.fx.agent);
    expect(await caseRow(fresh.db, id)).toMatchObject({
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
    const targetBefore = await caseRow(fresh.db, target);

    const result = await act(source, { action: 'merge', targetCaseId: target }, fresh.fx.agent);
    expect(result).toMatchObject({ from: 'en_tramite', to: 'fusionada' });
    expect(await caseRow(fresh.db, source)).toMatchObject({
      state: 'fusionada',
      mergedIntoId: target,
      closedAt: MONDAY,
      isPaused: false,
    });
    const targetAfter = await caseRow(fresh.db, target);
    expect(targetAfter).toMatchObject({
      state: 'en_tramite',
      repeatContactCount: targetBefore.repeatContactCount + 1,
      version: targetBefore.version + 1,
      updatedAt: MONDAY,
    });
    expect((await eventsOf(fresh.db, source)).at(-1)).toMatchObject({
      action: 'merge',
      fromState: 'en_tramite',
      toState: 'fusionada',
      data: { targetCaseId: target },
    });
    expect((await eventsOf(fresh.db, target)).at(-1)).toMatchObject({
      action: 'merged_in',
      visibility: 'internal',
      data: { sourceCaseId: source },
    });
    expect(await fresh.db.select().from(caseLinks)).toEqual([
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
          async () => await act(a, { action: 'merge', targetCaseId: a }, fresh.fx.agent),
        )
      ).fieldErrors,
    ).toEqual({
      targetCaseId: ['merge_into_self'],
    });
    await act(b, { action: 'merge', targetCaseId: a }, fresh.fx.agent);
    expect(
      (
        await captureAppError(
          async () => await act(c, { action: 'merge', targetCaseId: b }, fresh.fx.agent),
        )
      ).fieldErrors,
    ).toEqual({
      targetCaseId: ['targetClosed'],
    });
    expect((await caseRow(fresh.db, c)).state).toBe('en_tramite');
  });
});

describe('cases that end while waiting or across teams', () => {
  it('refuses to merge into a case the agent may not work on, and writes nothing', async () => {
    const source = await caseInProgress();
    const foreign = (await fileCase(fresh.db, {}, bogota('2026-03-13T17:00:00'))).id;
    await act(foreign, { action: 'take' }, fresh.fx.otherAgent);
    const before = await caseRow(fresh.db, source);

    const error = await captureAppError(
      async () => await act(source, { action: 'merge', targetCaseId: foreign }, fresh.fx.agent),
    );
    expect(error.code).toBe('FORBIDDEN');
    expect(await caseRow(fresh.db, source)).toEqual(before);
    expect((await caseRow(fresh.db, foreign)).repeatContactCount).toBe(0);
  });

  it('ends the open pause when a waiting case is withdrawn', async () => {
    const id = await caseInProgress();
    await act(id, { action: 'request_info', body: 'Adjunte la factura.' }, fresh.fx.agent);
    const withdrawnAt = bogota('2026-03-20T09:00:00');
    await act(
      id,
      { action: 'withdraw', reason: 'El ciudadano desiste por escrito.' },
      fresh.fx.agent,
      withdrawnAt,
    );
    expect(await caseRow(fresh.db, id)).toMatchObject({
      state: 'desistida',
      isPaused: false,
      closedAt: withdrawnAt,
    });
    expect(
      (await first(fresh.db.select().from(casePauses).where(eq(casePauses.caseId, id))))?.resumedAt,
    ).toEqual(withdrawnAt);
  });
});
