/** Bulk reassignment from the deadline board: each case through the real 'assign' use case. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conn } from '@/db/client';
import { caseEvents } from '@/db/tables';
import { applyCaseAction } from '../cases/apply-case-action';
import { HTTP_STATUS, isAppError } from '../core/errors';
import {
  bogota,
  captureAppError,
  caseRow,
  countRows,
  eventsOf,
  fileCase,
  insertStaff,
  seedFixture,
  type Fixture,
} from '../testing/fixtures';
import { openTestDb } from '../testing/test-db';
import { reassignCases } from './board-reassign';
import { listAssignableAgents } from './list-assignable-agents';
import { makeCtx } from '@/lib/server/core/context';

const NOW = bogota('2026-03-20T10:00:00');

let db: Conn;
let cleanup: () => Promise<void>;
let fx: Fixture;

beforeEach(async () => {
  ({ db, cleanup } = await openTestDb());
  fx = await seedFixture(db);
});
afterEach(() => cleanup());

/** Overdue Reclamos held by the first agent. */
async function overdueCases(count: number): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const { id } = await fileCase(db, {}, bogota('2026-02-26T09:00:00'));
    await applyCaseAction(makeCtx(db, fx.agent, bogota('2026-02-26T11:00:00')), {
      caseId: id,
      action: 'take',
    });
    ids.push(id);
  }
  return ids;
}

describe('bulk reassignment', () => {
  it('reassigns every checked case, each with its own audit event', async () => {
    const ids = await overdueCases(3);
    const result = await reassignCases(makeCtx(db, fx.supervisor, NOW), {
      caseIds: ids,
      assigneeId: fx.otherAgent.id,
    });
    expect(result.assigneeName).toBe('otra');
    expect(result.results.map((r) => [r.caseId, r.ok])).toEqual(ids.map((id) => [id, true]));
    for (const id of ids) {
      // The case follows its new agent to that agent's team.
      expect(await caseRow(db, id)).toMatchObject({
        assigneeId: fx.otherAgent.id,
        teamId: fx.otherTeamId,
        state: 'en_tramite',
      });
      const last = (await eventsOf(db, id)).at(-1);
      expect(last).toMatchObject({
        action: 'assign',
        actorId: fx.supervisor.id,
        actorRole: 'supervisor',
        createdAt: NOW,
        data: { assigneeId: fx.otherAgent.id, previousAssigneeId: fx.agent.id },
      });
    }
  });

  it('reports a case that can no longer be reassigned and still reassigns the others', async () => {
    const [first, closed, last] = (await overdueCases(3)) as [number, number, number];
    await applyCaseAction(makeCtx(db, fx.agent, bogota('2026-03-19T09:00:00')), {
      caseId: closed,
      action: 'withdraw',
      reason: 'El cliente desistió.',
    });
    const events = await countRows(db, caseEvents);
    const result = await reassignCases(makeCtx(db, fx.admin, NOW), {
      caseIds: [first, closed, last, 999_999],
      assigneeId: fx.otherAgent.id,
    });
    const outcome = Object.fromEntries(result.results.map((r) => [r.caseId, r]));
    expect(outcome[first]).toMatchObject({ ok: true });
    expect(outcome[last]).toMatchObject({ ok: true });
    const refused = outcome[closed]!;
    expect(refused).toMatchObject({ ok: false, radicado: (await caseRow(db, closed)).radicado });
    expect(!refused.ok && isAppError(refused.error) && refused.error.code).toBe(
      'INVALID_TRANSITION',
    );
    const missing = outcome[999_999]!;
    expect(missing).toMatchObject({ ok: false, radicado: null });
    expect(!missing.ok && isAppError(missing.error) && missing.error.code).toBe('NOT_FOUND');
    expect(await countRows(db, caseEvents)).toBe(events + 2);
    expect(await caseRow(db, closed)).toMatchObject({
      state: 'desistida',
      assigneeId: fx.agent.id,
    });
    expect((await caseRow(db, first)).assigneeId).toBe(fx.otherAgent.id);
    expect((await caseRow(db, last)).assigneeId).toBe(fx.otherAgent.id);
  });

  it('reassigns a case checked twice only once', async () => {
    const [id] = (await overdueCases(1)) as [number];
    const before = (await eventsOf(db, id)).length;
    const result = await reassignCases(makeCtx(db, fx.supervisor, NOW), {
      caseIds: [id, id],
      assigneeId: fx.otherAgent.id,
    });
    expect(result.results).toHaveLength(1);
    expect(await eventsOf(db, id)).toHaveLength(before + 1);
  });

  it('refuses agents (403) and writes nothing', async () => {
    const ids = await overdueCases(1);
    const events = await countRows(db, caseEvents);
    const error = await captureAppError(
      async () =>
        await reassignCases(makeCtx(db, fx.agent, NOW), {
          caseIds: ids,
          assigneeId: fx.otherAgent.id,
        }),
    );
    expect(error.code).toBe('FORBIDDEN');
    expect(HTTP_STATUS[error.code]).toBe(403);
    expect(await countRows(db, caseEvents)).toBe(events);
  });

  it.each([
    [{}, ['caseIds', 'assigneeId']],
    [{ caseIds: [], assigneeId: 1 }, ['caseIds']],
    [{ caseIds: [1, -2, 'x'], assigneeId: 1 }, ['caseIds.1', 'caseIds.2']],
    [{ caseIds: Array.from({ length: 201 }, (_, i) => i + 1), assigneeId: 1 }, ['caseIds']],
    [{ caseIds: [1], assigneeId: 'nadie' }, ['assigneeId']],
  ])('refuses a bad body %j with field errors (422)', async (body, fields) => {
    const error = await captureAppError(
      async () => await reassignCases(makeCtx(db, fx.supervisor, NOW), body),
    );
    expect(HTTP_STATUS[error.code]).toBe(422);
    expect(Object.keys(error.fieldErrors ?? {}).sort()).toEqual([...fields].sort());
  });

  it('only hands cases to an active agent', async () => {
    const ids = await overdueCases(1);
    const gone = await insertStaff(db, { email: 'ido@example.co', role: 'agent', isActive: false });
    for (const assigneeId of [gone.id, fx.supervisor.id, 999_999]) {
      const error = await captureAppError(
        async () =>
          await reassignCases(makeCtx(db, fx.supervisor, NOW), { caseIds: ids, assigneeId }),
      );
      expect(HTTP_STATUS[error.code]).toBe(422);
      expect(error.fieldErrors).toEqual({ assigneeId: ['invalid'] });
    }
    expect((await caseRow(db, ids[0]!)).assigneeId).toBe(fx.agent.id);
    expect(
      (await listAssignableAgents(makeCtx(db, fx.supervisor))).map((a) => [a.name, a.teamName]),
    ).toEqual([
      ['agente', 'Facturación'],
      ['otra', 'Entregas'],
    ]);
  });
});
