/**
 * The supervisors' quality review: a rubric on one interaction, stored as process data of the agent
 * who wrote it, with an internal audit event on the case in the same transaction.
 */
import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conn } from '@/db/client';
import { first } from '@/db/rows';
import { interactions, qualityRatings } from '@/db/tables';
import type { StaffActor } from '../auth/session';
import { applyCaseAction } from '../cases/apply-case-action';
import {
  captureAppError,
  countRows,
  eventsOf,
  fileCase,
  seedFixture,
  type Fixture,
  type StaffMember,
} from '../testing/fixtures';
import { openTestDb } from '../testing/test-db';
import { processFamily } from './quality-process';
import { reviewInteraction } from './quality-review';
import { getReviewContext, listCaseInteractions, listReviewQueue } from './quality-review-list';
import { scopeOf } from './quality-shared';
import { parseAnalyticsQuery } from '@/lib/validation/analytics-query';
import { makeCtx } from '@/lib/server/core/context';

let db: Conn;
let cleanup: () => Promise<void>;
let fx: Fixture;

const AT = new Date('2026-03-17T15:00:00Z');
const RUBRIC = { greeting: 5, clarity: 4, empathy: 5, accuracy: 3, personalTouch: 5 };

beforeEach(async () => {
  ({ db, cleanup } = await openTestDb());
  fx = await seedFixture(db);
});
afterEach(() => cleanup());

const asStaff = (m: StaffMember): StaffActor => ({
  ...m,
  name: `staff ${m.id}`,
  email: `${m.id}@example.co`,
  teamName: null,
});

/** A case the agent answered: its answer is the interaction under review. */
async function answeredInteraction(by: StaffMember = fx.agent): Promise<{
  caseId: number;
  interactionId: number;
}> {
  const { id } = await fileCase(db);
  await applyCaseAction(makeCtx(db, by, AT), { caseId: id, action: 'take' });
  await applyCaseAction(makeCtx(db, by, AT), {
    caseId: id,
    action: 'answer',
    body: 'Le reintegramos el cobro.',
    decision: 'concede',
    handleMinutes: 12,
  });
  const row = (await listCaseInteractions(makeCtx(db, fx.supervisor), { caseId: id }))[0]!;
  return { caseId: id, interactionId: row.id };
}

async function review(input: Record<string, unknown>, actor: StaffMember = fx.supervisor) {
  return await reviewInteraction(makeCtx(db, actor, AT), input);
}

describe('reviewInteraction', () => {
  it('stores the rubric for the agent who wrote the interaction, with an internal event', async () => {
    const { caseId, interactionId } = await answeredInteraction();
    const done = await review({
      interactionId,
      ...RUBRIC,
      comment: '  Buen tono, faltó precisión.  ',
    });
    expect(
      await first(db.select().from(qualityRatings).where(eq(qualityRatings.id, done.ratingId))),
    ).toEqual({
      id: done.ratingId,
      caseId,
      interactionId,
      source: 'supervisor',
      reviewerId: fx.supervisor.id,
      agentId: fx.agent.id,
      courtesy: null,
      ...RUBRIC,
      comment: 'Buen tono, faltó precisión.',
      createdAt: AT,
    });
    expect((await eventsOf(db, caseId)).at(-1)).toMatchObject({
      id: done.eventId,
      action: 'quality_review',
      actorRole: 'supervisor',
      actorId: fx.supervisor.id,
      visibility: 'internal',
      body: 'Buen tono, faltó precisión.',
      data: { ratingId: done.ratingId, interactionId, agentId: fx.agent.id, ...RUBRIC },
      createdAt: AT,
    });
  });

  it('counts in the process figures of the agent', async () => {
    const { interactionId } = await answeredInteraction();
    await review({ interactionId, ...RUBRIC });
    const query = parseAnalyticsQuery(
      { from: '2026-03-01', to: '2026-03-31', by: 'agent' },
      '2026-04-01',
    );
    const { total, groups } = await processFamily(
      await scopeOf(makeCtx(db, fx.supervisor, AT), query),
    );
    expect(total.reviews).toBe(1);
    expect(total.review).toMatchObject({
      counts: [0, 0, 1, 1, 3],
      average: 22 / 5,
      topBox: 3 / 5,
    });
    expect(groups.map((g) => [g.key, g.reviews])).toEqual([[fx.agent.id, 1]]);
  });

  it('an admin may review too; the comment is optional', async () => {
    const { interactionId } = await answeredInteraction();
    await review({ interactionId, ...RUBRIC }, fx.admin);
    expect(await first(db.select().from(qualityRatings))).toMatchObject({
      reviewerId: fx.admin.id,
      comment: null,
    });
  });

  it('bad or missing scores → 422 with a key per field, nothing written', async () => {
    const { caseId, interactionId } = await answeredInteraction();
    const events = (await eventsOf(db, caseId)).length;
    const error = await captureAppError(() =>
      review({
        interactionId,
        greeting: 0,
        clarity: 6,
        empathy: 2.5,
        accuracy: '',
        comment: 'x'.repeat(2001),
      }),
    );
    expect(error.code).toBe('VALIDATION');
    expect(error.fieldErrors).toEqual({
      greeting: ['rating'],
      clarity: ['rating'],
      empathy: ['rating'],
      accuracy: ['rating'],
      personalTouch: ['rating'],
      comment: ['tooLong'],
    });
    expect(await countRows(db, qualityRatings)).toBe(0);
    expect(await eventsOf(db, caseId)).toHaveLength(events);
  });

  it('an agent gets 403', async () => {
    const { interactionId } = await answeredInteraction(fx.otherAgent);
    expect((await captureAppError(() => review({ interactionId, ...RUBRIC }, fx.agent))).code).toBe(
      'FORBIDDEN',
    );
    expect(await countRows(db, qualityRatings)).toBe(0);
  });

  it('nobody reviews their own interaction', async () => {
    const { interactionId } = await answeredInteraction(fx.supervisor);
    const error = await captureAppError(() => review({ interactionId, ...RUBRIC }));
    expect(error).toMatchObject({ code: 'FORBIDDEN', detail: { guard: 'own_interaction' } });
    expect(await countRows(db, qualityRatings)).toBe(0);
  });

  it('one review per reviewer: a second is refused (the first stays), another reviewer may', async () => {
    const { interactionId } = await answeredInteraction();
    await review({ interactionId, ...RUBRIC });
    const error = await captureAppError(() => review({ interactionId, ...RUBRIC, greeting: 1 }));
    expect(error).toMatchObject({ code: 'CONFLICT', detail: { guard: 'already_reviewed' } });
    expect((await db.select().from(qualityRatings)).map((r) => r.greeting)).toEqual([5]);
    await review({ interactionId, ...RUBRIC }, fx.admin);
    expect(await countRows(db, qualityRatings)).toBe(2);
  });

  it('only outbound interactions written by staff; an unknown one is 404', async () => {
    const { id } = await fileCase(db);
    await applyCaseAction(makeCtx(db, fx.agent, AT), { caseId: id, action: 'take' });
    await applyCaseAction(makeCtx(db, fx.agent, AT), {
      caseId: id,
      action: 'log_interaction',
      kind: 'call',
      direction: 'inbound',
      body: 'Llamó',
    });
    const inbound = (await first(
      db
        .select({ id: interactions.id })
        .from(interactions)
        .where(and(eq(interactions.caseId, id), eq(interactions.direction, 'inbound'))),
    ))!;
    expect(
      await captureAppError(() => review({ interactionId: inbound.id, ...RUBRIC })),
    ).toMatchObject({
      code: 'VALIDATION',
      fieldErrors: { interactionId: ['invalid'] },
    });
    expect((await captureAppError(() => review({ interactionId: 9999, ...RUBRIC }))).code).toBe(
      'NOT_FOUND',
    );
  });
});

describe('what the review screens read', () => {
  it('the queue: unreviewed outbound interactions of others, newest first, by agent, paged', async () => {
    const first = await answeredInteraction(fx.agent);
    const second = await answeredInteraction(fx.otherAgent);
    await answeredInteraction(fx.supervisor); // the supervisor's own: never offered to them
    const sup = asStaff(fx.supervisor);
    expect((await listReviewQueue(makeCtx(db, sup), { page: 1 })).rows.map((r) => r.id)).toEqual([
      second.interactionId,
      first.interactionId,
    ]);
    await review({ interactionId: second.interactionId, ...RUBRIC }, fx.admin);
    const queue = await listReviewQueue(makeCtx(db, sup), { page: 1 });
    expect(queue).toMatchObject({ page: 1, hasNext: false });
    expect(queue.rows).toEqual([
      expect.objectContaining({
        id: first.interactionId,
        staffId: fx.agent.id,
        kind: 'reply',
        handleSeconds: 12 * 60,
        excerpt: 'Le reintegramos el cobro.',
      }),
    ]);
    expect(
      (await listReviewQueue(makeCtx(db, sup), { agentId: fx.otherAgent.id, page: 1 })).rows,
    ).toEqual([]);
    expect((await listReviewQueue(makeCtx(db, sup), { page: 2 })).rows).toEqual([]);
    expect(
      (await captureAppError(() => listReviewQueue(makeCtx(db, asStaff(fx.agent)), { page: 1 })))
        .code,
    ).toBe('FORBIDDEN');
  });

  it('the form: interaction, case, existing reviews and whether this reviewer may review', async () => {
    const { caseId, interactionId } = await answeredInteraction();
    const sup = asStaff(fx.supervisor);
    const before = await getReviewContext(makeCtx(db, sup), { interactionId });
    expect(before).toMatchObject({
      interaction: { id: interactionId, kind: 'reply', body: 'Le reintegramos el cobro.' },
      case: { id: caseId, typeCode: 'R', state: 'respondida' },
      reviews: [],
      refusal: null,
    });
    await review({ interactionId, ...RUBRIC, comment: 'Bien' });
    const after = await getReviewContext(makeCtx(db, sup), { interactionId });
    expect(after.refusal).toBe('already_reviewed');
    expect(after.reviews).toEqual([
      expect.objectContaining({ greeting: 5, personalTouch: 5, comment: 'Bien' }),
    ]);
    expect(
      (await getReviewContext(makeCtx(db, asStaff(fx.admin)), { interactionId })).refusal,
    ).toBeNull();
    expect(
      (
        await captureAppError(() =>
          getReviewContext(makeCtx(db, asStaff(fx.agent)), { interactionId }),
        )
      ).code,
    ).toBe('FORBIDDEN');
  });

  it('the case panel: outbound interactions with their reviews', async () => {
    const { caseId, interactionId } = await answeredInteraction();
    await review({ interactionId, ...RUBRIC });
    expect(await listCaseInteractions(makeCtx(db, fx.supervisor), { caseId })).toEqual([
      expect.objectContaining({
        id: interactionId,
        reviews: 1,
        reviewedByMe: 1,
        handleSeconds: 720,
      }),
    ]);
    expect((await listCaseInteractions(makeCtx(db, fx.admin), { caseId }))[0]).toMatchObject({
      reviews: 1,
      reviewedByMe: 0,
    });
  });
});
