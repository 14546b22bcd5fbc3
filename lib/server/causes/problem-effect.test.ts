/**
 * The effect of fixing a problem: new complaints of its cause per week, the 8 weeks before it was
 * resolved against the weeks since (at most 8), counted by date received.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conn } from '@/db/client';
import { applyCaseAction } from '../cases/apply-case-action';
import { bogota, fileCase, seedFixture, type Fixture } from '../testing/fixtures';
import { openTestDb } from '../testing/test-db';
import { createProblem } from './create-problem';
import { getProblem } from './get-problem';
import { setProblemStatus } from './set-problem-status';
import { makeCtx } from '@/lib/server/core/context';

const WEEK = 7 * 86_400_000;
const RESOLVED = bogota('2026-04-01T12:00:00');

let db: Conn;
let cleanup: () => Promise<void>;
let fx: Fixture;

beforeEach(async () => {
  ({ db, cleanup } = await openTestDb());
  fx = await seedFixture(db);
});
afterEach(() => cleanup());

/** A complaint received at `at`, attributed to a cause of Facturación the same hour. */
async function complaint(at: Date, cause: 0 | 1 = 0, typeCode: 'Q' | 'R' | 'P' = 'R') {
  const { id } = await fileCase(db, { typeCode }, at);
  const later = new Date(at.getTime() + 3_600_000);
  await applyCaseAction(makeCtx(db, fx.agent, later), { caseId: id, action: 'take' });
  await applyCaseAction(makeCtx(db, fx.agent, later), {
    caseId: id,
    action: 'reclassify',
    processId: fx.processId,
    rootCauseId: fx.rootCauseIds[cause],
  });
}

async function problemOn(cause: 'rootCause' | 'process') {
  const { id } = await createProblem(makeCtx(db, fx.supervisor, bogota('2026-02-01T09:00:00')), {
    title: 'Cobro doble recurrente',
    processId: fx.processId,
    ...(cause === 'rootCause' ? { rootCauseId: fx.rootCauseIds[0] } : {}),
  });
  return id;
}

async function resolve(id: number) {
  await setProblemStatus(makeCtx(db, fx.supervisor, RESOLVED), {
    problemId: id,
    status: 'resolved',
  });
}

/** The problem's page as a supervisor sees it at `now`. */
const problemAt = (id: number, now: Date) =>
  getProblem(makeCtx(db, fx.supervisor, now), { problemId: id });

/** 8 before (one a week), 1 just too early, 2 after, plus a Petición and another cause's Reclamo. */
async function buildHistory() {
  for (let week = 1; week <= 8; week++)
    await complaint(new Date(RESOLVED.getTime() - week * WEEK + 60_000));
  await complaint(new Date(RESOLVED.getTime() - 8 * WEEK - 3_600_000));
  await complaint(new Date(RESOLVED.getTime() + WEEK));
  await complaint(new Date(RESOLVED.getTime() + 3 * WEEK));
  await complaint(new Date(RESOLVED.getTime() - WEEK), 0, 'P');
  await complaint(new Date(RESOLVED.getTime() - 2 * WEEK), 1);
}

describe('problem effect', () => {
  it('compares the 8 weeks before resolution with the weeks since', async () => {
    await buildHistory();
    const id = await problemOn('rootCause');
    await resolve(id);
    const now = new Date(RESOLVED.getTime() + 4 * WEEK);
    const { effect } = await problemAt(id, now);
    expect(effect).toEqual({
      linkedCases: 0,
      scope: 'rootCause',
      before: {
        from: new Date(RESOLVED.getTime() - 8 * WEEK),
        to: RESOLVED,
        complaints: 8,
        weeks: 8,
        weekly: 1,
      },
      after: { from: RESOLVED, to: now, complaints: 2, weeks: 4, weekly: 0.5 },
      change: -0.5,
    });
  });

  it('counts the whole process when the problem names no root cause', async () => {
    await buildHistory();
    const id = await problemOn('process');
    await resolve(id);
    const { effect } = await problemAt(id, new Date(RESOLVED.getTime() + 4 * WEEK));
    expect(effect.scope).toBe('process');
    expect(effect.before?.complaints).toBe(9);
    expect(effect.before?.weekly).toBe(9 / 8);
  });

  it('stops the after-window at 8 weeks', async () => {
    await buildHistory();
    const id = await problemOn('rootCause');
    await resolve(id);
    const { effect } = await problemAt(id, new Date(RESOLVED.getTime() + 10 * WEEK));
    expect(effect.after).toMatchObject({ weeks: 8, complaints: 2, weekly: 2 / 8 });
    expect(effect.after?.to).toEqual(new Date(RESOLVED.getTime() + 8 * WEEK));
    expect(effect.change).toBe(-0.75);
  });

  it('shows only the last 8 weeks while the problem is not resolved', async () => {
    await buildHistory();
    const id = await problemOn('rootCause');
    await setProblemStatus(makeCtx(db, fx.supervisor, RESOLVED), {
      problemId: id,
      status: 'in_progress',
    });
    const { effect } = await problemAt(id, RESOLVED);
    expect(effect.after).toBeNull();
    expect(effect.change).toBeNull();
    expect(effect.before).toMatchObject({ complaints: 8, weeks: 8, weekly: 1, to: RESOLVED });
  });

  it('gives no weekly rate, nor a change, until a week has passed since resolution', async () => {
    await buildHistory();
    const id = await problemOn('rootCause');
    await resolve(id);
    const { effect } = await problemAt(id, new Date(RESOLVED.getTime() + 3 * 86_400_000));
    expect(effect.after).toMatchObject({ complaints: 0, weeks: 3 / 7, weekly: null });
    expect(effect.change).toBeNull();
  });
});
