/**
 * Bulk work in the queues (issue 14 §6): each case goes through the single-case use case in its
 * own transaction, so one failing case (changed meanwhile, out of scope, wrong state) is reported
 * alone and the others go through, each with its one timeline event.
 */
import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conn } from '@/db/client';
import { caseEvents, cases, problemCases } from '@/db/tables';
import type { Actor } from '../core/actor';
import { makeCtx } from '../core/context';
import { isAppError } from '../core/errors';
import { createProblem } from '../causes/create-problem';
import {
  bogota,
  captureAppError,
  caseRow,
  countRows,
  eventsOf,
  fileCase,
  seedFixture,
  type Fixture,
} from '../testing/fixtures';
import { openTestDb } from '../testing/test-db';
import { applyCaseAction } from './apply-case-action';
import { bulkActionsFor, bulkCases, type BulkOutcome } from './bulk-cases';

const AT = bogota('2026-03-16T10:00:00');

let db: Conn;
let cleanup: () => Promise<void>;
let fx: Fixture;
/** Three cases of the first team, one of the other team. */
let ours: number[];
let theirs: number;

const as = (actor: Actor) => makeCtx(db, actor, AT);
const target = async (caseId: number) => ({
  caseId,
  expectedVersion: (await caseRow(db, caseId)).version,
});
const targets = async (caseIds: number[]) => {
  const out = [];
  for (const caseId of caseIds) out.push(await target(caseId));
  return out;
};
const eventsNamed = (caseId: number, action: string) =>
  db
    .select()
    .from(caseEvents)
    .where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.action, action)))
    .orderBy(caseEvents.id);
const codeOf = (outcome: BulkOutcome | undefined) =>
  outcome && !outcome.ok && isAppError(outcome.error) ? outcome.error.code : null;

beforeEach(async () => {
  ({ db, cleanup } = await openTestDb());
  fx = await seedFixture(db);
  const file = async (teamId: number) => {
    const { id } = await fileCase(db);
    await db.update(cases).set({ teamId }).where(eq(cases.id, id));
    return id;
  };
  ours = [await file(fx.teamId), await file(fx.teamId), await file(fx.teamId)];
  theirs = await file(fx.otherTeamId);
});
afterEach(() => cleanup());

describe('assigning many cases at once', () => {
  it('assigns every case but the one that changed meanwhile, each with one timeline event', async () => {
    const [a, b, c] = ours as [number, number, number];
    const stale = await target(b);
    // Someone writes on b after the queue was read: its version moves on.
    await applyCaseAction(as(fx.agent), { caseId: b, action: 'note', body: 'Llamé al cliente.' });
    const beforeB = await caseRow(db, b);

    const result = await bulkCases(as(fx.supervisor), {
      action: 'assign',
      assigneeId: fx.agent.id,
      cases: [await target(a), stale, await target(c)],
    });

    expect(result).toMatchObject({ action: 'assign', done: 2, failed: 1 });
    expect(result.outcomes.map((o) => [o.caseId, o.ok])).toEqual([
      [a, true],
      [b, false],
      [c, true],
    ]);
    expect(codeOf(result.outcomes[1])).toBe('CONFLICT');
    expect(result.outcomes[1]?.radicado).toBe(beforeB.radicado);
    for (const id of [a, c]) {
      expect(await caseRow(db, id)).toMatchObject({ assigneeId: fx.agent.id, state: 'en_tramite' });
      expect(await eventsNamed(id, 'assign')).toHaveLength(1);
      expect((await eventsNamed(id, 'assign'))[0]).toMatchObject({ actorId: fx.supervisor.id });
    }
    expect(await caseRow(db, b)).toEqual(beforeB);
    expect(await eventsNamed(b, 'assign')).toHaveLength(0);
  });

  it('is refused whole to an agent, whose role may not assign, and writes nothing', async () => {
    const events = await countRows(db, caseEvents);
    const cases = await targets(ours);
    const error = await captureAppError(() =>
      bulkCases(as(fx.agent), { action: 'assign', assigneeId: fx.agent.id, cases }),
    );
    expect(error.code).toBe('FORBIDDEN');
    expect(await countRows(db, caseEvents)).toBe(events);
  });

  it('applies a resent run once (the same submission id)', async () => {
    const run = {
      action: 'take',
      submissionId: 'bulk-run-0123456789abcdef',
      cases: ours.map((caseId) => ({ caseId })),
    };
    expect((await bulkCases(as(fx.agent), run)).done).toBe(3);
    expect((await bulkCases(as(fx.agent), run)).done).toBe(3);
    for (const id of ours) expect(await eventsNamed(id, 'take')).toHaveLength(1);
  });
});

describe("an agent's bulk note", () => {
  it("writes on the team's cases and refuses another team's case without naming it", async () => {
    const before = await caseRow(db, theirs);
    const eventsBefore = (await eventsOf(db, theirs)).length;
    const result = await bulkCases(as(fx.agent), {
      action: 'note',
      body: 'Revisar con facturación antes del viernes.',
      cases: await targets([...ours, theirs]),
    });
    expect(result).toMatchObject({ done: 3, failed: 1 });
    const refused = result.outcomes[3];
    expect(refused).toMatchObject({ caseId: theirs, ok: false, radicado: null });
    expect(codeOf(refused)).toBe('FORBIDDEN');
    expect(await caseRow(db, theirs)).toEqual(before);
    expect(await eventsOf(db, theirs)).toHaveLength(eventsBefore);
    for (const id of ours) {
      const notes = await eventsNamed(id, 'note');
      expect(notes).toHaveLength(1);
      expect(notes[0]).toMatchObject({
        body: 'Revisar con facturación antes del viernes.',
        visibility: 'internal',
      });
    }
  });
});

describe('setting priority in bulk', () => {
  it('reclassifies with the reason, and reports a case whose state refuses it', async () => {
    const [a, b, c] = ours as [number, number, number];
    await applyCaseAction(as(fx.agent), {
      caseId: c,
      action: 'withdraw',
      reason: 'El peticionario desistió por teléfono.',
    });
    const result = await bulkCases(as(fx.agent), {
      action: 'priority',
      priority: 'preferente',
      reason: 'Adulto mayor (art. 20)',
      cases: await targets([a, b, c]),
    });
    expect(result).toMatchObject({ done: 2, failed: 1 });
    expect(codeOf(result.outcomes[2])).toBe('INVALID_TRANSITION');
    expect((await caseRow(db, c)).priority).toBe('normal');
    for (const id of [a, b]) {
      expect((await caseRow(db, id)).priority).toBe('preferente');
      const events = await eventsNamed(id, 'reclassify');
      expect(events).toHaveLength(1);
      expect(events[0]?.body).toBe('Adulto mayor (art. 20)');
    }
  });
});

describe('linking many cases to a problem', () => {
  it('links each case once through the problem verb; agents are refused', async () => {
    const { id: problemId } = await createProblem(as(fx.supervisor), {
      title: 'Cobro doble en facturas de marzo',
    });
    const result = await bulkCases(as(fx.supervisor), {
      action: 'link_problem',
      problemId,
      cases: [...ours, theirs].map((caseId) => ({ caseId })),
    });
    expect(result.done).toBe(4);
    expect(await countRows(db, problemCases)).toBe(4);
    for (const id of ours) expect(await eventsNamed(id, 'problem_linked')).toHaveLength(1);

    const error = await captureAppError(() =>
      bulkCases(as(fx.agent), { action: 'link_problem', problemId, cases: [{ caseId: ours[0] }] }),
    );
    expect(error.code).toBe('FORBIDDEN');
  });
});

describe('the actions a queue offers', () => {
  it('offers agents what the state machine lets them do, supervisors the rest', () => {
    expect(bulkActionsFor(fx.agent)).toEqual(['take', 'priority', 'note']);
    expect(bulkActionsFor(fx.supervisor)).toEqual([
      'assign',
      'take',
      'priority',
      'note',
      'link_problem',
    ]);
  });
});

describe('bad input is refused with the field named and nothing written', () => {
  const cases422: [string, Record<string, unknown>, string, string][] = [
    ['an empty selection', { action: 'note', body: 'x', cases: [] }, 'cases', 'emptySelection'],
    ['no selection at all', { action: 'note', body: 'x' }, 'cases', 'emptySelection'],
    ['an unknown action', { action: 'close', cases: [{ caseId: 1 }] }, 'action', 'chooseAction'],
    [
      'more than 200 cases',
      { action: 'take', cases: Array.from({ length: 201 }, (_, i) => ({ caseId: i + 1 })) },
      'cases',
      'tooManyCases',
    ],
    [
      'a case chosen twice',
      { action: 'take', cases: [{ caseId: 1 }, { caseId: 1 }] },
      'cases',
      'duplicateCases',
    ],
    [
      'a priority without its reason',
      { action: 'priority', priority: 'preferente', cases: [{ caseId: 1 }] },
      'reason',
      'required',
    ],
    [
      'an unknown assignee',
      { action: 'assign', assigneeId: 9999, cases: [{ caseId: 1 }] },
      'assigneeId',
      'invalid',
    ],
    [
      'an unknown problem',
      { action: 'link_problem', problemId: 9999, cases: [{ caseId: 1 }] },
      'problemId',
      'notFound',
    ],
  ];
  it.each(cases422)('%s', async (_name, input, field, key) => {
    const events = await countRows(db, caseEvents);
    const error = await captureAppError(() => bulkCases(as(fx.supervisor), input));
    expect(error.code).toBe('VALIDATION');
    expect(error.fieldErrors?.[field]).toEqual([key]);
    expect(await countRows(db, caseEvents)).toBe(events);
  });
});
