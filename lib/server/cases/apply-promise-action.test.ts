import { first } from '@/db/rows';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conn } from '@/db/client';
import { caseEvents, promises } from '@/db/tables';
import type { Actor } from '../core/actor';
import { applyCaseAction } from './apply-case-action';
import { applyPromiseAction } from './apply-promise-action';
import {
  bogota,
  captureAppError,
  countRows,
  eventsOf,
  fileCase,
  seedFixture,
  type Fixture,
} from '../testing/fixtures';
import { openTestDb } from '../testing/test-db';
import { makeCtx } from '@/lib/server/core/context';

const MONDAY = bogota('2026-03-16T10:00:00');
/** "We will call you back on Thursday at 17:00." */
const DUE = bogota('2026-03-19T17:00:00');
const BEFORE_DUE = bogota('2026-03-18T09:00:00');
const AFTER_DUE = new Date(DUE.getTime() + 60_000);

let db: Conn;
let cleanup: () => Promise<void>;
let fx: Fixture;
let caseId: number;
let promiseId: number;

beforeEach(async () => {
  ({ db, cleanup } = await openTestDb());
  fx = await seedFixture(db);
  caseId = (await fileCase(db)).id;
  await applyCaseAction(makeCtx(db, fx.agent, MONDAY), { caseId, action: 'take' });
  await applyCaseAction(makeCtx(db, fx.agent, MONDAY), {
    caseId,
    action: 'add_promise',
    description: 'Le llamamos el jueves',
    dueAt: DUE.toISOString(),
  });
  promiseId = (await first(db.select({ id: promises.id }).from(promises)))!.id;
});
afterEach(() => cleanup());

const act = (input: unknown, now: Date, actor: Actor = fx.agent, id = promiseId) =>
  applyPromiseAction(makeCtx(db, actor, now), { promiseId: id, ...(input as object) });
const promiseRow = async (id = promiseId) =>
  (await first(db.select().from(promises).where(eq(promises.id, id))))!;

describe('applyPromiseAction', () => {
  it('keeps a promise before it is due', async () => {
    expect(await act({ action: 'keep' }, BEFORE_DUE)).toEqual({
      promiseId,
      status: 'kept',
      successorId: null,
    });
    expect(await promiseRow()).toMatchObject({ status: 'kept', resolvedAt: BEFORE_DUE });
    expect((await eventsOf(db, caseId)).at(-1)).toMatchObject({
      action: 'promise_keep',
      actorId: fx.agent.id,
      visibility: 'public',
      data: { promiseId, successorId: null, previousDueAt: DUE.toISOString() },
    });
  });

  it('keeps it up to the due instant itself', async () => {
    expect((await act({ action: 'keep' }, DUE)).status).toBe('kept');
  });

  it('renegotiates: the original is marked renegotiated and otherwise unchanged, a successor carries the new time', async () => {
    const original = await promiseRow();
    const newDueAt = bogota('2026-03-24T12:00:00');
    const result = await act(
      { action: 'renegotiate', newDueAt: newDueAt.toISOString(), reason: 'El técnico se enfermó' },
      BEFORE_DUE,
    );
    expect(result).toMatchObject({
      promiseId,
      status: 'renegotiated',
      successorId: expect.any(Number),
    });

    expect(await promiseRow()).toEqual({
      ...original,
      status: 'renegotiated',
      resolvedAt: BEFORE_DUE,
    });
    expect(await promiseRow(result.successorId!)).toMatchObject({
      caseId,
      description: original.description,
      ownerId: original.ownerId,
      dueAt: newDueAt,
      status: 'pending',
      predecessorId: promiseId,
      renegotiationReason: 'El técnico se enfermó',
      createdById: fx.agent.id,
      createdAt: BEFORE_DUE,
    });
    expect((await eventsOf(db, caseId)).at(-1)).toMatchObject({
      action: 'promise_renegotiate',
      body: 'El técnico se enfermó',
      data: { promiseId, successorId: result.successorId, newDueAt: newDueAt.toISOString() },
    });
    // The original can no longer be kept; the successor can.
    expect(
      await captureAppError(async () => await act({ action: 'keep' }, BEFORE_DUE)),
    ).toMatchObject({
      code: 'INVALID_TRANSITION',
      detail: { guard: 'not_pending' },
    });
    expect((await act({ action: 'keep' }, BEFORE_DUE, fx.agent, result.successorId!)).status).toBe(
      'kept',
    );
  });

  it.each([
    ['keep', { action: 'keep' }],
    [
      'renegotiate',
      { action: 'renegotiate', newDueAt: '2026-03-30T17:00:00-05:00', reason: 'Demora' },
    ],
  ])(
    'refuses %s after the due time (INVALID_TRANSITION), writing nothing',
    async (_name, input) => {
      const before = {
        row: await promiseRow(),
        promises: await countRows(db, promises),
        events: await countRows(db, caseEvents),
      };
      expect(await captureAppError(async () => await act(input, AFTER_DUE))).toMatchObject({
        code: 'INVALID_TRANSITION',
        detail: { guard: 'already_due' },
      });
      expect({
        row: await promiseRow(),
        promises: await countRows(db, promises),
        events: await countRows(db, caseEvents),
      }).toEqual(before);
    },
  );

  it('breaks only after the due time', async () => {
    for (const at of [BEFORE_DUE, DUE]) {
      expect(await captureAppError(async () => await act({ action: 'break' }, at))).toMatchObject({
        code: 'INVALID_TRANSITION',
        detail: { guard: 'not_yet_due' },
      });
    }
    expect((await promiseRow()).status).toBe('pending');
    expect((await act({ action: 'break' }, AFTER_DUE, { role: 'system', id: null })).status).toBe(
      'broken',
    );
    expect(await promiseRow()).toMatchObject({ status: 'broken', resolvedAt: AFTER_DUE });
  });

  it('refuses a new time that is not in the future (VALIDATION on newDueAt)', async () => {
    const error = await captureAppError(
      async () =>
        await act(
          {
            action: 'renegotiate',
            newDueAt: bogota('2026-03-17T09:00:00').toISOString(),
            reason: 'Demora',
          },
          BEFORE_DUE,
        ),
    );
    expect(error.code).toBe('VALIDATION');
    expect(error.fieldErrors).toEqual({ newDueAt: ['future'] });
    expect((await promiseRow()).status).toBe('pending');
    expect(await countRows(db, promises)).toBe(1);
  });

  it('refuses customers and agents of another team', async () => {
    for (const actor of [{ role: 'customer', id: null, caseId } as const, fx.otherAgent]) {
      expect(
        (await captureAppError(async () => await act({ action: 'keep' }, BEFORE_DUE, actor))).code,
      ).toBe('FORBIDDEN');
    }
    expect((await promiseRow()).status).toBe('pending');
  });
});
