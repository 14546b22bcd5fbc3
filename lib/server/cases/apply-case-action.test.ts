import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conn } from '@/db/client';
import { caseEvents, caseLinks, casePauses, interactions, promises } from '@/db/tables';
import type { Actor } from '../core/actor';
import { applyCaseAction } from './apply-case-action';
import {
  captureAppError,
  caseRow,
  countRows,
  eventsOf,
  fileCase,
  seedFixture,
  type Fixture,
} from '../testing/fixtures';
import { failUpdatesWhere, failureOf } from '../testing/engine-sql';
import { openAnotherConnection, openTestDb } from '../testing/test-db';
import { runWorkers } from '../testing/workers';
import { makeCtx } from '@/lib/server/core/context';

/** Monday 2026-03-16 10:00 in Bogotá, the first business day after FILED_AT. */
const MONDAY = new Date('2026-03-16T15:00:00Z');
const ANSWER = { action: 'answer', body: 'Se reintegró el cobro doble.', decision: 'concede' };

let db: Conn;
let cleanup: () => Promise<void>;
let fx: Fixture;

beforeEach(async () => {
  ({ db, cleanup } = await openTestDb());
  fx = await seedFixture(db);
});
afterEach(() => cleanup());

async function act(caseId: number, input: unknown, actor: Actor, now = MONDAY) {
  return await applyCaseAction(makeCtx(db, actor, now), { caseId, ...(input as object) });
}

/** A Reclamo taken by the team's agent: en_tramite, routed to fx.teamId. */
async function caseInProgress(overrides: Parameters<typeof fileCase>[1] = {}): Promise<number> {
  const { id } = await fileCase(db, overrides);
  await act(id, { action: 'take' }, fx.agent);
  return id;
}

/** Everything an action could write. */
async function trace(caseId: number) {
  return {
    row: await caseRow(db, caseId),
    events: await countRows(db, caseEvents),
    pauses: await countRows(db, casePauses),
    interactions: await countRows(db, interactions),
    promises: await countRows(db, promises),
    links: await countRows(db, caseLinks),
  };
}

describe('a refused action leaves no trace', () => {
  it('answer on a radicada case → INVALID_TRANSITION', async () => {
    const { id } = await fileCase(db);
    const before = await trace(id);
    expect((await captureAppError(async () => await act(id, ANSWER, fx.agent))).code).toBe(
      'INVALID_TRANSITION',
    );
    expect(await trace(id)).toEqual(before);
  });

  it('closing a Reclamo without process and root cause → VALIDATION on both fields', async () => {
    const id = await caseInProgress();
    await act(id, ANSWER, fx.agent);
    const before = await trace(id);
    const error = await captureAppError(async () => await act(id, { action: 'close' }, fx.agent));
    expect(error.code).toBe('VALIDATION');
    expect(error.fieldErrors).toEqual({ processId: ['required'], rootCauseId: ['required'] });
    expect(await trace(id)).toEqual(before);
  });

  it('closing with a root cause of another process → VALIDATION on rootCauseId', async () => {
    const id = await caseInProgress();
    await act(id, ANSWER, fx.agent);
    const before = await trace(id);
    const error = await captureAppError(
      async () =>
        await act(
          id,
          { action: 'close', processId: fx.processId, rootCauseId: fx.otherRootCauseId },
          fx.agent,
        ),
    );
    expect(error.code).toBe('VALIDATION');
    expect(error.fieldErrors?.rootCauseId).toEqual(['rootCauseMismatch']);
    expect(await trace(id)).toEqual(before);
  });

  it('an agent of another team → FORBIDDEN', async () => {
    const id = await caseInProgress();
    const before = await trace(id);
    expect((await captureAppError(async () => await act(id, ANSWER, fx.otherAgent))).code).toBe(
      'FORBIDDEN',
    );
    expect(
      (
        await captureAppError(
          async () => await act(id, { action: 'note', body: 'x' }, fx.otherAgent),
        )
      ).code,
    ).toBe('FORBIDDEN');
    expect(await trace(id)).toEqual(before);
  });

  it('an agent using assign → FORBIDDEN', async () => {
    const id = await caseInProgress();
    const before = await trace(id);
    const error = await captureAppError(
      async () => await act(id, { action: 'assign', assigneeId: fx.agent.id }, fx.agent),
    );
    expect(error.code).toBe('FORBIDDEN');
    expect(await trace(id)).toEqual(before);
  });

  it.each([
    ['blank answer body', { ...ANSWER, body: '   ' }, 'body'],
    ['unknown decision', { ...ANSWER, decision: 'maybe' }, 'decision'],
    ['unknown action', { action: 'delete' }, 'action'],
    [
      'malformed extension date',
      { action: 'extend', reason: 'Volumen', newDueDate: '29/04/2026' },
      'newDueDate',
    ],
  ])('an invalid body (%s) → VALIDATION', async (_name, input, field) => {
    const id = await caseInProgress();
    const before = await trace(id);
    const error = await captureAppError(async () => await act(id, input, fx.agent));
    expect(error.code).toBe('VALIDATION');
    expect(error.fieldErrors).toHaveProperty([field]);
    expect(await trace(id)).toEqual(before);
  });

  it('an unknown case → NOT_FOUND', async () => {
    expect((await captureAppError(async () => await act(999, ANSWER, fx.supervisor))).code).toBe(
      'NOT_FOUND',
    );
    expect(await countRows(db, caseEvents)).toBe(0);
  });

  it('a failure after the first writes rolls them all back (merge)', async () => {
    const target = await caseInProgress();
    const source = await caseInProgress({
      customer: {
        documentType: 'CC',
        documentNumber: '777',
        fullName: 'Luis Díaz',
        email: 'l@example.co',
      },
    });
    await failUpdatesWhere(db, 'cases', "NEW.state = 'fusionada'", 'merge blocked');
    const before = { source: await trace(source), target: await caseRow(db, target) };
    expect(
      await failureOf(act(source, { action: 'merge', targetCaseId: target }, fx.agent)),
    ).toMatch(/merge blocked/);
    // The target's repeat-contact count, its merged_in event and the link were written before the
    // source update failed; none of them survive.
    expect(await trace(source)).toEqual(before.source);
    expect(await caseRow(db, target)).toEqual(before.target);
  });
});

describe('a state change writes one event and bumps the version', () => {
  it('take → answer → close → reopen', async () => {
    const { id } = await fileCase(db);
    const steps: [unknown, Actor, string, string][] = [
      [{ action: 'take' }, fx.agent, 'radicada', 'en_tramite'],
      [ANSWER, fx.agent, 'en_tramite', 'respondida'],
      [
        { action: 'close', processId: fx.processId, rootCauseId: fx.rootCauseIds[0] },
        fx.supervisor,
        'respondida',
        'cerrada',
      ],
      [
        { action: 'reopen', reason: 'El cliente volvió a escribir' },
        fx.supervisor,
        'cerrada',
        'en_tramite',
      ],
    ];
    for (const [i, [input, actor, from, to]] of steps.entries()) {
      const eventsBefore = (await eventsOf(db, id)).length;
      const result = await act(id, input, actor, new Date(MONDAY.getTime() + i * 3_600_000));
      expect(result).toMatchObject({ from, to, version: i + 2 });
      const row = await caseRow(db, id);
      expect(row).toMatchObject({ state: to, version: i + 2 });
      expect(row.updatedAt).toEqual(new Date(MONDAY.getTime() + i * 3_600_000));
      const events = await eventsOf(db, id);
      expect(events).toHaveLength(eventsBefore + 1);
      expect(events.at(-1)).toMatchObject({
        id: result.eventId,
        action: (input as { action: string }).action,
        actorRole: actor.role,
        actorId: actor.id,
        fromState: from,
        toState: to,
      });
    }
    expect(await caseRow(db, id)).toMatchObject({
      assigneeId: fx.agent.id,
      teamId: fx.teamId,
      processId: fx.processId,
      rootCauseId: fx.rootCauseIds[0],
      reopenCount: 1,
      answeredAt: null,
      decision: null,
    });
    expect(await db.select().from(interactions)).toEqual([
      expect.objectContaining({
        caseId: id,
        kind: 'reply',
        direction: 'outbound',
        staffId: fx.agent.id,
      }),
    ]);
  });

  it('records the answer: decision, answer time and the first response', async () => {
    const id = await caseInProgress();
    const at = new Date('2026-03-17T20:00:00Z');
    await act(id, ANSWER, fx.agent, at);
    expect(await caseRow(db, id)).toMatchObject({
      decision: 'concede',
      answeredAt: at,
      firstResponseAt: at,
    });
    expect((await eventsOf(db, id)).at(-1)).toMatchObject({
      body: ANSWER.body,
      visibility: 'public',
      data: { decision: 'concede' },
    });
  });
});

describe('optimistic concurrency', () => {
  it('a stale expectedVersion → CONFLICT, nothing written', async () => {
    const id = await caseInProgress(); // version 2
    const before = await trace(id);
    const error = await captureAppError(
      async () => await act(id, { ...ANSWER, expectedVersion: 1 }, fx.agent),
    );
    expect(error.code).toBe('CONFLICT');
    expect(error.detail).toEqual({ currentVersion: 2 });
    expect(await trace(id)).toEqual(before);
    expect((await act(id, { ...ANSWER, expectedVersion: 2 }, fx.agent)).version).toBe(3);
  });

  it('two connections answering from the same version: the second gets CONFLICT', async () => {
    const id = await caseInProgress();
    const other = await openAnotherConnection(db);
    try {
      const seen = (await caseRow(db, id)).version;
      await applyCaseAction(makeCtx(db, fx.agent, MONDAY), {
        caseId: id,
        ...ANSWER,
        expectedVersion: seen,
      });
      const error = await captureAppError(() =>
        applyCaseAction(makeCtx(other.db, fx.supervisor, MONDAY), {
          caseId: id,
          ...ANSWER,
          expectedVersion: seen,
        }),
      );
      expect(error.code).toBe('CONFLICT');
    } finally {
      await other.close();
    }
    expect((await eventsOf(db, id)).filter((e) => e.action === 'answer')).toHaveLength(1);
  });

  it('processes racing to answer one en_tramite case: exactly one wins', async () => {
    const id = await caseInProgress();
    const versionBefore = (await caseRow(db, id)).version;
    const outcomes = (
      await runWorkers(
        db,
        [fx.agent, fx.supervisor, fx.admin, fx.agent].map((actor) => ({
          kind: 'case-action' as const,
          caseId: id,
          input: ANSWER,
          actor,
          now: MONDAY.toISOString(),
        })),
      )
    ).flat();
    expect(outcomes.filter((o) => o.ok)).toEqual([{ ok: true, value: 'en_tramite->respondida' }]);
    for (const loser of outcomes.filter((o) => !o.ok)) {
      expect(['INVALID_TRANSITION', 'CONFLICT']).toContain(loser.ok ? '' : loser.code);
    }
    expect((await eventsOf(db, id)).filter((e) => e.action === 'answer')).toHaveLength(1);
    expect(await caseRow(db, id)).toMatchObject({
      state: 'respondida',
      version: versionBefore + 1,
    });
    expect(await countRows(db, interactions)).toBe(1);
  }, 60_000);
});

describe('customer actors', () => {
  it('cannot act on another case, nor use staff actions on their own', async () => {
    const mine = await caseInProgress();
    const theirs = await caseInProgress({
      customer: {
        documentType: 'CC',
        documentNumber: '888',
        fullName: 'Otra Persona',
        email: 'o@example.co',
      },
    });
    const me: Actor = { role: 'customer', id: null, caseId: mine };
    const before = { mine: await trace(mine), theirs: await caseRow(db, theirs) };

    expect(
      (
        await captureAppError(
          async () => await act(theirs, { action: 'withdraw', reason: 'Ya no lo necesito' }, me),
        )
      ).code,
    ).toBe('FORBIDDEN');
    for (const input of [
      ANSWER,
      { action: 'note', body: 'hola' },
      { action: 'take' },
      { action: 'close' },
    ]) {
      expect((await captureAppError(async () => await act(mine, input, me))).code).toBe(
        'FORBIDDEN',
      );
    }
    expect(await trace(mine)).toEqual(before.mine);
    expect(await caseRow(db, theirs)).toEqual(before.theirs);
  });

  it('may disagree with the answer to their own case', async () => {
    const id = await caseInProgress();
    await act(id, ANSWER, fx.agent);
    const result = await act(
      id,
      { action: 'disagree', reason: 'No me devolvieron todo' },
      { role: 'customer', id: null, caseId: id },
    );
    expect(result).toMatchObject({ from: 'respondida', to: 'en_tramite' });
    expect((await eventsOf(db, id)).at(-1)).toMatchObject({
      action: 'disagree',
      actorRole: 'customer',
      actorId: null,
    });
  });
});
