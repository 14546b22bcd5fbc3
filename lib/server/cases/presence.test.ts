import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conn } from '@/db/client';
import { makeCtx } from '../core/context';
import { captureAppError, fileCase, seedFixture, type Fixture } from '../testing/fixtures';
import { openTestDb } from '../testing/test-db';
import { runWorkers } from '../testing/workers';
import { applyCaseAction } from './apply-case-action';
import { casePresence, PRESENCE_TTL_MS } from './presence';

let db: Conn;
let cleanup: () => Promise<void>;
let fx: Fixture;
beforeEach(async () => {
  ({ db, cleanup } = await openTestDb());
  fx = await seedFixture(db);
});
afterEach(() => cleanup());

const T0 = new Date('2026-03-16T15:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

describe('who else has a case open (issue 14 §4)', () => {
  it('shows the others present and who is writing, forgets the silent and the gone', async () => {
    const { id } = await fileCase(db);
    const agent = (now: Date, input = {}) =>
      casePresence(makeCtx(db, fx.agent, now), { caseId: id, ...input });
    const supervisor = (now: Date, input = {}) =>
      casePresence(makeCtx(db, fx.supervisor, now), { caseId: id, ...input });

    expect(await agent(T0)).toEqual([]);
    expect(await supervisor(at(1000))).toEqual([
      { userId: fx.agent.id, name: 'agente', isWriting: false },
    ]);
    await agent(at(2000), { isWriting: true });
    expect(await supervisor(at(3000))).toEqual([
      { userId: fx.agent.id, name: 'agente', isWriting: true },
    ]);
    // The agent leaves: gone at once. Coming back and falling silent: gone after the TTL.
    await agent(at(4000), { isLeaving: true });
    expect(await supervisor(at(5000))).toEqual([]);
    await agent(at(6000));
    expect(await supervisor(at(6000 + PRESENCE_TTL_MS + 1))).toEqual([]);
  });

  it('is the same on every app instance sharing the database (issue 18)', async () => {
    const { id } = await fileCase(db);
    // Another process (another instance) says the agent has the case open and is writing.
    const there = await runWorkers(db, [
      {
        kind: 'presence',
        caseId: id,
        actor: fx.agent,
        now: at(1000).toISOString(),
        input: { isWriting: true },
      },
    ]);
    expect(there).toEqual([[{ ok: true, value: '[]' }]]);
    expect(await casePresence(makeCtx(db, fx.supervisor, at(2000)), { caseId: id })).toEqual([
      { userId: fx.agent.id, name: 'agente', isWriting: true },
    ]);
    // And this instance's supervisor is seen from there.
    const back = await runWorkers(db, [
      { kind: 'presence', caseId: id, actor: fx.agent, now: at(3000).toISOString() },
    ]);
    expect(JSON.parse((back[0]![0] as { value: string }).value)).toEqual([
      { userId: fx.supervisor.id, name: 'supervisora', isWriting: false },
    ]);
  }, 60_000);

  it('is for staff who may work the case', async () => {
    const { id } = await fileCase(db);
    await applyCaseAction(makeCtx(db, fx.supervisor, T0), {
      caseId: id,
      action: 'assign',
      assigneeId: fx.agent.id,
    });
    const outsider = await captureAppError(() =>
      casePresence(makeCtx(db, fx.otherAgent, T0), { caseId: id }),
    );
    expect(outsider.code).toBe('FORBIDDEN');
    const missing = await captureAppError(() =>
      casePresence(makeCtx(db, fx.agent, T0), { caseId: 999_999 }),
    );
    expect(missing.code).toBe('NOT_FOUND');
  });
});
