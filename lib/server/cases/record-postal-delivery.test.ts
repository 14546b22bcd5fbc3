import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conn } from '@/db/client';
import { makeCtx } from '@/lib/server/core/context';
import { recordPostalDelivery } from './record-postal-delivery';
import { getStaffCasePage } from './staff-case';
import { getCaseWithTimeline } from './get-case';
import {
  answerCase,
  bogota,
  captureAppError,
  caseRow,
  customerActor,
  eventsOf,
  fileCase,
  seedFixture,
  type Fixture,
  type StaffMember,
} from '../testing/fixtures';
import { openTestDb } from '../testing/test-db';
import type { StaffActor } from '../auth/session';

/** The staff page reads the signed-in member (name and e-mail come with the session). */
const signedIn = (m: StaffMember): StaffActor => ({
  ...m,
  name: 'Laura',
  email: 'laura@example.co',
  teamName: null,
});

const ANSWERED = bogota('2026-03-17T10:00:00');
const NOW = bogota('2026-03-20T09:00:00');

let db: Conn;
let cleanup: () => Promise<void>;
let fx: Fixture;
let caseId: number;

beforeEach(async () => {
  ({ db, cleanup } = await openTestDb());
  fx = await seedFixture(db);
  caseId = (
    await fileCase(db, {
      responseMedium: 'postal',
      responseAddress: 'Calle 10 # 20-30, Bogotá',
    })
  ).id;
});
afterEach(() => cleanup());

const post = (input: object, actor: StaffMember = fx.agent, now = NOW) =>
  recordPostalDelivery(makeCtx(db, actor, now), { caseId, ...input });

describe('recordPostalDelivery', () => {
  it('records the day the answer was posted, an event, and the answer as delivered on time', async () => {
    await answerCase(db, caseId, fx.agent, ANSWERED);
    await post({ postedOn: '2026-03-18' });

    // Noon of the day posted, in Bogotá.
    expect((await caseRow(db, caseId)).answerPostedAt).toEqual(bogota('2026-03-18T12:00:00'));
    expect((await eventsOf(db, caseId)).at(-1)).toMatchObject({
      action: 'answer_posted',
      visibility: 'public',
      actorId: fx.agent.id,
      data: { postedOn: '2026-03-18' },
    });
    const radicado = (await caseRow(db, caseId)).radicado;
    const page = await getStaffCasePage(makeCtx(db, signedIn(fx.agent), NOW), { radicado });
    expect(page.story.answerDelivery).toMatchObject({
      medium: 'postal',
      deliveredAt: bogota('2026-03-18T12:00:00'),
      result: 'on_time',
    });
    // The petitioner sees when it was posted.
    const view = await getCaseWithTimeline(makeCtx(db, customerActor(caseId), NOW), { caseId });
    expect(view.events.at(-1)).toMatchObject({
      action: 'answer_posted',
      data: { postedOn: '2026-03-18' },
    });
  });

  it('keeps a same-day posting between the answer and now', async () => {
    await answerCase(db, caseId, fx.agent, ANSWERED);
    await post({ postedOn: '2026-03-17' }, fx.agent, bogota('2026-03-17T11:00:00'));
    expect((await caseRow(db, caseId)).answerPostedAt).toEqual(bogota('2026-03-17T11:00:00'));
  });

  it('refuses a date in the future or before the answer with 422 on postedOn, writing nothing', async () => {
    await answerCase(db, caseId, fx.agent, ANSWERED);
    const before = (await eventsOf(db, caseId)).length;
    for (const [postedOn, key] of [
      ['2026-03-21', 'postedInFuture'],
      ['2026-03-16', 'postedBeforeAnswer'],
      ['2026-02-30x', 'date'],
    ] as const) {
      const error = await captureAppError(() => post({ postedOn }));
      expect(error.code).toBe('VALIDATION');
      expect(JSON.stringify(error.fieldErrors ?? error.detail)).toContain('postedOn');
      expect(JSON.stringify(error.fieldErrors ?? error.detail)).toContain(key);
    }
    expect((await caseRow(db, caseId)).answerPostedAt).toBeNull();
    expect(await eventsOf(db, caseId)).toHaveLength(before);
  });

  it('refuses an agent of another team (403) and writes nothing', async () => {
    await answerCase(db, caseId, fx.agent, ANSWERED);
    const error = await captureAppError(() => post({ postedOn: '2026-03-18' }, fx.otherAgent));
    expect(error.code).toBe('FORBIDDEN');
    expect((await caseRow(db, caseId)).answerPostedAt).toBeNull();
  });

  it('refuses a case not answered yet, and one answered by e-mail', async () => {
    expect(await captureAppError(() => post({ postedOn: '2026-03-18' }))).toMatchObject({
      code: 'INVALID_TRANSITION',
      detail: { guard: 'not_yet_answered' },
    });
    const byMail = (await fileCase(db)).id;
    await answerCase(db, byMail, fx.agent, ANSWERED);
    const error = await captureAppError(() =>
      recordPostalDelivery(makeCtx(db, fx.agent, NOW), { caseId: byMail, postedOn: '2026-03-18' }),
    );
    expect(error).toMatchObject({ code: 'INVALID_TRANSITION', detail: { guard: 'not_postal' } });
  });
});
