import { first } from '@/db/rows';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conn } from '@/db/client';
import { caseEvents, qualityRatings, resultRatings } from '@/db/tables';
import { SYSTEM_ACTOR, type Actor } from '../core/actor';
import { applyCaseAction } from '../cases/apply-case-action';
import { hasRated, rateCase } from './rate-case';
import {
  answerCase,
  captureAppError,
  countRows,
  customerActor,
  eventsOf,
  fileCase,
  seedFixture,
  type Fixture,
} from '../testing/fixtures';
import { openTestDb } from '../testing/test-db';
import { makeCtx } from '@/lib/server/core/context';

const ANSWERED_AT = new Date('2026-03-17T15:00:00Z');
const RATED_AT = new Date('2026-03-18T15:00:00Z');
const RATING = { result: 'partly', courtesy: 5, clarity: 2, comment: 'Amable, pero no entendí.' };

let db: Conn;
let cleanup: () => Promise<void>;
let fx: Fixture;

beforeEach(async () => {
  ({ db, cleanup } = await openTestDb());
  fx = await seedFixture(db);
});
afterEach(() => cleanup());

async function answeredCase(): Promise<number> {
  const { id } = await fileCase(db);
  await answerCase(db, id, fx.agent, ANSWERED_AT);
  return id;
}

const rate = (caseId: number, input: object = RATING, actor: Actor = customerActor(caseId)) =>
  rateCase(makeCtx(db, actor, RATED_AT), { caseId, ...input });

async function footprint() {
  return {
    results: await countRows(db, resultRatings),
    quality: await countRows(db, qualityRatings),
    events: await countRows(db, caseEvents),
  };
}

describe('rateCase', () => {
  it('is refused before the case has its answer', async () => {
    const { id } = await fileCase(db);
    await applyCaseAction(makeCtx(db, fx.agent, ANSWERED_AT), { caseId: id, action: 'take' });
    const before = await footprint();
    const error = await captureAppError(() => rate(id));
    expect(error.code).toBe('INVALID_TRANSITION');
    expect(error.detail).toEqual({ guard: 'not_answered' });
    expect(await footprint()).toEqual(before);
    expect(await hasRated(db, id)).toBe(false);
  });

  it('stores the result and the process apart, and an internal rated event', async () => {
    const id = await answeredCase();
    const rated = await rate(id);

    expect(await db.select().from(resultRatings)).toEqual([
      { id: rated.resultRatingId, caseId: id, answer: 'partly', createdAt: RATED_AT },
    ]);
    expect(await db.select().from(qualityRatings)).toEqual([
      expect.objectContaining({
        id: rated.qualityRatingId,
        caseId: id,
        source: 'customer',
        agentId: fx.agent.id,
        reviewerId: null,
        courtesy: 5,
        clarity: 2,
        empathy: null,
        comment: 'Amable, pero no entendí.',
        createdAt: RATED_AT,
      }),
    ]);
    expect((await eventsOf(db, id)).at(-1)).toMatchObject({
      action: 'rated',
      actorRole: 'customer',
      actorId: null,
      visibility: 'internal',
      createdAt: RATED_AT,
      data: { result: 'partly', courtesy: 5, clarity: 2 },
    });
    expect(await hasRated(db, id)).toBe(true);
  });

  it('accepts a closed case, and numbers posted as strings by a form', async () => {
    const id = await answeredCase();
    await applyCaseAction(makeCtx(db, fx.supervisor, ANSWERED_AT), {
      caseId: id,
      action: 'close',
      processId: fx.processId,
      rootCauseId: fx.rootCauseIds[0],
    });
    await rate(id, { result: 'yes', courtesy: '4', clarity: '5', comment: '' });
    expect(await first(db.select().from(qualityRatings))).toMatchObject({
      courtesy: 4,
      clarity: 5,
      comment: null,
    });
    expect((await first(db.select().from(resultRatings)))?.answer).toBe('yes');
  });

  it('is accepted once: a second rating is a CONFLICT and changes nothing', async () => {
    const id = await answeredCase();
    await rate(id);
    const before = await footprint();
    const error = await captureAppError(() => rate(id, { ...RATING, result: 'yes' }));
    expect(error.code).toBe('CONFLICT');
    expect(error.detail).toEqual({ guard: 'already_rated' });
    expect(await footprint()).toEqual(before);
  });

  it("refuses another case's customer, staff and the system", async () => {
    const id = await answeredCase();
    const other = await fileCase(db, {
      customer: { documentType: 'CC', documentNumber: '80123456', fullName: 'Luis Gómez' },
      responseMedium: 'postal',
      responseAddress: 'Calle 1 # 2-3',
    });
    const outsiders: Actor[] = [customerActor(other.id), fx.agent, fx.supervisor, SYSTEM_ACTOR];
    for (const actor of outsiders) {
      expect((await captureAppError(() => rate(id, RATING, actor))).code).toBe('FORBIDDEN');
    }
    expect(await footprint()).toMatchObject({ results: 0, quality: 0 });
  });

  it.each([
    ['a result outside yes/partly/no', { ...RATING, result: 'maybe' }, 'result', 'required'],
    ['courtesy 0', { ...RATING, courtesy: 0 }, 'courtesy', 'rating'],
    ['clarity 6', { ...RATING, clarity: '6' }, 'clarity', 'rating'],
    ['a fractional score', { ...RATING, clarity: 3.5 }, 'clarity', 'rating'],
    ['no courtesy', { result: 'yes', clarity: 3 }, 'courtesy', 'required'],
    ['a long comment', { ...RATING, comment: 'a'.repeat(1001) }, 'comment', 'tooLong'],
  ])('refuses %s as VALIDATION', async (_name, input, field, key) => {
    const id = await answeredCase();
    const error = await captureAppError(() => rate(id, input));
    expect(error.code).toBe('VALIDATION');
    expect(error.fieldErrors?.[field]).toEqual([key]);
    expect(await hasRated(db, id)).toBe(false);
  });
});
