/**
 * The result figures a case's first answer fixes (answer-figures.ts), worked out by hand on the
 * Colombian calendar: 23 March 2026 (San José), 2 and 3 April (Holy Week) are holidays.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conn } from '@/db/client';
import { caseTypes, serviceLevels } from '@/db/tables';
import type { Actor } from '../core/actor';
import { applyCaseAction } from './apply-case-action';
import { bogota, caseRow, fileCase, seedFixture, type Fixture } from '../testing/fixtures';
import { deliverAnswer } from '../testing/deliveries';
import { openTestDb } from '../testing/test-db';
import { makeCtx } from '@/lib/server/core/context';

const ANSWER = { action: 'answer', body: 'Se reintegró el cobro.', decision: 'concede' } as const;

let db: Conn;
let cleanup: () => Promise<void>;
let fx: Fixture;

beforeEach(async () => {
  ({ db, cleanup } = await openTestDb());
  fx = await seedFixture(db);
});
afterEach(() => cleanup());

/** Applies an action; an answer reaches the petitioner the same instant (delivery decides on time). */
async function act(
  caseId: number,
  input: { action: string } & Record<string, unknown>,
  actor: Actor,
  now: Date,
) {
  await applyCaseAction(makeCtx(db, actor, now), { caseId, ...input });
  if (input.action === 'answer') await deliverAnswer(db, caseId, now);
}

/** A Reclamo filed Friday 13 March 16:30 (due 8 April), taken Monday 16 March. */
async function reclamo(): Promise<number> {
  const { id } = await fileCase(db, {}, bogota('2026-03-13T16:30:00'));
  await act(id, { action: 'take' }, fx.agent, bogota('2026-03-16T09:00:00'));
  return id;
}

describe('figures fixed by the first answer', () => {
  it('counts business days to the answer without the holiday and the time paused', async () => {
    const id = await reclamo();
    await act(
      id,
      { action: 'request_info', body: 'Adjunte la factura.' },
      fx.agent,
      bogota('2026-03-18T10:00:00'),
    );
    const customer: Actor = { role: 'customer', id: null, caseId: id };
    await act(
      id,
      { action: 'provide_info', body: 'Aquí está.' },
      customer,
      bogota('2026-03-26T09:00:00'),
    );
    const answeredAt = bogota('2026-03-31T10:00:00');
    await act(id, ANSWER, fx.agent, answeredAt);
    // Days 1–3: 16, 17, 18 March; 19–26 waiting (23 a holiday); then 27 (4), 30 (5), 31 (6).
    expect(await caseRow(db, id)).toMatchObject({
      firstAnsweredAt: answeredAt,
      answerBusinessDays: 6,
      answeredOnTime: true,
      slaMet: null,
    });
  });

  it('marks an answer after the due date late, counting across San José and Holy Week', async () => {
    const id = await reclamo();
    await act(id, ANSWER, fx.agent, bogota('2026-04-09T08:00:00'));
    // 16–20 (5), 24–27 (9), 30, 31 (11), 1 April (12), 6–8 (15), 9 April: day 16.
    expect(await caseRow(db, id)).toMatchObject({ answerBusinessDays: 16, answeredOnTime: false });
  });

  it('counts an answer on the due date itself as on time', async () => {
    const id = await reclamo();
    await act(id, ANSWER, fx.agent, bogota('2026-04-08T23:59:00'));
    expect(await caseRow(db, id)).toMatchObject({ answerBusinessDays: 15, answeredOnTime: true });
  });

  it('keeps the first answer’s figures when the case is reopened and answered again', async () => {
    const id = await reclamo();
    const first = bogota('2026-03-20T10:00:00');
    await act(id, ANSWER, fx.agent, first);
    await act(
      id,
      { action: 'reopen', reason: 'Faltó un cobro.' },
      fx.agent,
      bogota('2026-04-07T10:00:00'),
    );
    expect(await caseRow(db, id)).toMatchObject({ answeredAt: null, firstAnsweredAt: first });
    const second = bogota('2026-04-10T10:00:00');
    await act(id, ANSWER, fx.agent, second);
    expect(await caseRow(db, id)).toMatchObject({
      answeredAt: second,
      firstAnsweredAt: first,
      answerBusinessDays: 5,
      answeredOnTime: true,
    });
  });

  it('records the internal service level: met only when first response and resolution were', async () => {
    await db.insert(caseTypes).values({ code: 'R', allowsAnonymous: false }).onConflictDoNothing();
    await db
      .insert(serviceLevels)
      .values({ typeCode: 'R', firstResponseHours: 8, resolutionDays: 5, validFrom: new Date(0) });
    const quick = await reclamo();
    await act(quick, ANSWER, fx.agent, bogota('2026-03-16T15:00:00'));
    const slow = await reclamo();
    // Legally on time, but day 6 is past the 5-day service level.
    await act(slow, ANSWER, fx.agent, bogota('2026-03-24T10:00:00'));
    expect(await caseRow(db, quick)).toMatchObject({ slaMet: true, answeredOnTime: true });
    expect(await caseRow(db, slow)).toMatchObject({ slaMet: false, answeredOnTime: true });
  });

  it('leaves the figures empty until a case is answered', async () => {
    const id = await reclamo();
    expect(await caseRow(db, id)).toMatchObject({
      firstAnsweredAt: null,
      answeredOnTime: null,
      answerBusinessDays: null,
      slaMet: null,
    });
  });
});
