import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conn } from '@/db/client';
import { promises } from '@/db/tables';
import type { Actor } from '../core/actor';
import { applyCaseAction } from './apply-case-action';
import { getCaseWithTimeline } from './get-case';
import {
  bogota,
  captureAppError,
  fileCase,
  seedFixture,
  validFiling,
  type Fixture,
} from '../testing/fixtures';
import { openTestDb } from '../testing/test-db';
import { makeCtx } from '@/lib/server/core/context';

const MONDAY = bogota('2026-03-16T10:00:00');
const PROMISE_DUE = bogota('2026-03-19T17:00:00');
const NOTE = 'Nota interna: el cliente ya reclamó en 2025';

let db: Conn;
let cleanup: () => Promise<void>;
let fx: Fixture;
let caseId: number;
let customer: Actor;

beforeEach(async () => {
  ({ db, cleanup } = await openTestDb());
  fx = await seedFixture(db);
  // A Reclamo handled to closure: internal take and note, a promise, a public answer and a close
  // that records the originating process and root cause.
  caseId = (await fileCase(db)).id;
  customer = { role: 'customer', id: null, caseId };
  const act = (input: unknown, at: Date) =>
    applyCaseAction(makeCtx(db, fx.agent, at), { caseId, ...(input as object) });
  await act({ action: 'take' }, MONDAY);
  await act({ action: 'note', body: NOTE }, MONDAY);
  await act(
    {
      action: 'add_promise',
      description: 'Le llamamos el jueves',
      dueAt: PROMISE_DUE.toISOString(),
    },
    MONDAY,
  );
  await act(
    { action: 'answer', body: 'Se reintegró el cobro doble.', decision: 'concede' },
    bogota('2026-03-17T10:00:00'),
  );
  await act(
    { action: 'close', processId: fx.processId, rootCauseId: fx.rootCauseIds[1] },
    bogota('2026-03-17T11:00:00'),
  );
});
afterEach(() => cleanup());

const view = async (actor: Actor, now = bogota('2026-03-18T10:00:00')) =>
  await getCaseWithTimeline(makeCtx(db, actor, now), { caseId: caseId });

describe('getCaseWithTimeline: the customer view', () => {
  it('has public events only, without staff data or internal event details', async () => {
    const v = await view(customer);
    expect(v.staff).toBeNull();
    expect(v.state).toBe('cerrada');
    expect(v.events.map((e) => e.action)).toEqual(['radicar', 'add_promise', 'answer', 'close']);
    expect(v.events.every((e) => e.visibility === 'public')).toBe(true);
    expect(v.events.every((e) => e.actorName === null)).toBe(true);
    const close = v.events.find((e) => e.action === 'close');
    expect(close?.data).toEqual({});
    expect(v.events.find((e) => e.action === 'answer')?.data).toEqual({ decision: 'concede' });

    const serialized = JSON.stringify(v);
    expect(serialized).not.toContain(NOTE);
    expect(serialized).not.toContain('rootCauseId');
    expect(serialized).not.toContain('processId');
    expect(serialized).not.toContain('assigneeId');
    expect(serialized).not.toContain('1020304050'); // the petitioner's document number
  });

  it('is not found for another case', async () => {
    const other = await fileCase(db, {
      customer: {
        documentType: 'CC',
        documentNumber: '555666',
        fullName: 'Otra Persona',
        email: 'o@example.co',
      },
    });
    expect(
      (
        await captureAppError(
          async () =>
            await getCaseWithTimeline(makeCtx(db, customer, MONDAY), { caseId: other.id }),
        )
      ).code,
    ).toBe('NOT_FOUND');
  });
});

describe('getCaseWithTimeline: the staff view', () => {
  it('has internal events, staff-only data and internal event details', async () => {
    const v = await view(fx.supervisor);
    expect(v.events.map((e) => e.action)).toEqual([
      'radicar',
      'take',
      'note',
      'add_promise',
      'answer',
      'close',
    ]);
    expect(v.events.find((e) => e.action === 'note')).toMatchObject({
      visibility: 'internal',
      body: NOTE,
      actorName: 'agente',
    });
    expect(v.events.find((e) => e.action === 'close')?.data).toEqual({
      processId: fx.processId,
      rootCauseId: fx.rootCauseIds[1],
    });
    expect(v.staff).toMatchObject({
      assigneeId: fx.agent.id,
      teamId: fx.teamId,
      processId: fx.processId,
      rootCauseId: fx.rootCauseIds[1],
      version: 6,
      customer: { documentType: 'CC', documentNumber: '1020304050', email: 'ana@example.co' },
    });
  });

  it('is not found for an agent of another team', async () => {
    expect((await captureAppError(async () => await view(fx.otherAgent))).code).toBe('NOT_FOUND');
  });

  it('reports where the legal deadline stands while the clock runs, and nothing once it stops', async () => {
    // A second case, still in progress: due 2026-04-08; from Monday 16 March, 14 business days remain.
    const open = (
      await fileCase(db, {
        customer: { ...validFiling().customer!, documentNumber: '7700001' },
      })
    ).id;
    await applyCaseAction(makeCtx(db, fx.agent, MONDAY), { caseId: open, action: 'take' });
    const at = async (now: Date) =>
      (await getCaseWithTimeline(makeCtx(db, fx.agent, now), { caseId: open })).deadline;
    expect(await at(MONDAY)).toEqual({ status: 'on_track', businessDaysLeft: 14 });
    expect(await at(bogota('2026-04-07T10:00:00'))).toEqual({
      status: 'at_risk',
      businessDaysLeft: 1,
    });
    expect(await at(bogota('2026-04-09T10:00:00'))).toEqual({
      status: 'overdue',
      businessDaysLeft: -1,
    });
    // The first case was answered and closed: its result counts, not a traffic light.
    expect((await view(fx.agent, MONDAY)).deadline).toBeNull();
  });
});

describe('getCaseWithTimeline: promises', () => {
  it('shows a pending promise as broken once its time has passed, with no job having run', async () => {
    const before = (await view(customer, new Date(PROMISE_DUE.getTime() - 60_000))).promises;
    expect(before).toEqual([
      expect.objectContaining({
        description: 'Le llamamos el jueves',
        status: 'pending',
        effectiveStatus: 'pending',
      }),
    ]);
    for (const actor of [customer, fx.agent]) {
      const after = (await view(actor, new Date(PROMISE_DUE.getTime() + 1))).promises;
      expect(after).toEqual([
        expect.objectContaining({ status: 'pending', effectiveStatus: 'broken' }),
      ]);
    }
    // Nothing was written: the stored row is still pending.
    expect(
      await db
        .select({ status: promises.status })
        .from(promises)
        .where(eq(promises.caseId, caseId)),
    ).toEqual([{ status: 'pending' }]);
  });
});
