import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conn } from '@/db/client';
import { caseEvents, notificationPreferences } from '@/db/tables';
import { DEFAULT_NOTIFICATION_MODE, NOTIFICATION_KINDS } from '@/lib/domain/notification-kinds';
import { SYSTEM_ACTOR } from '../core/actor';
import { makeCtx } from '../core/context';
import { captureAppError, customerActor, seedFixture, type Fixture } from '../testing/fixtures';
import { openTestDb } from '../testing/test-db';
import {
  getNotificationPreferences,
  saveNotificationPreferences,
} from './notification-preferences';

let db: Conn;
let cleanup: () => Promise<void>;
let fx: Fixture;
beforeEach(async () => {
  ({ db, cleanup } = await openTestDb());
  fx = await seedFixture(db);
});
afterEach(() => cleanup());

const AT = new Date('2026-03-16T15:00:00Z');
const rows = async () => await db.select().from(notificationPreferences);
const audits = async () =>
  await db
    .select()
    .from(caseEvents)
    .where(eq(caseEvents.action, 'notification_preferences_changed'));

describe('notification preferences', () => {
  it('lists every kind with its default until the person chooses', async () => {
    const prefs = await getNotificationPreferences(makeCtx(db, fx.agent, AT));
    expect(prefs.map((p) => p.kind)).toEqual([...NOTIFICATION_KINDS]);
    expect(prefs.every((p) => !p.isChosen && p.mode === DEFAULT_NOTIFICATION_MODE[p.kind])).toBe(
      true,
    );
    expect(DEFAULT_NOTIFICATION_MODE).toMatchObject({
      assigned_to_me: 'immediate',
      promise_due_soon: 'immediate',
      promise_broken: 'immediate',
      at_risk: 'immediate',
      overdue: 'immediate',
      team_queue: 'digest',
      petitioner_replied: 'digest',
    });
  });

  it('saves one person’s choices, audited with before and after, and only real changes', async () => {
    const ctx = makeCtx(db, fx.agent, AT);
    expect(
      await saveNotificationPreferences(ctx, {
        team_queue: 'off',
        rated_no: 'immediate',
        at_risk: 'immediate',
      }),
    ).toEqual({ changed: 2 });
    const mine = await getNotificationPreferences(ctx);
    expect(mine.find((p) => p.kind === 'team_queue')).toEqual({
      kind: 'team_queue',
      mode: 'off',
      isChosen: true,
    });
    // Someone else's stay at their defaults.
    const theirs = await getNotificationPreferences(makeCtx(db, fx.supervisor, AT));
    expect(theirs.find((p) => p.kind === 'team_queue')?.mode).toBe('digest');
    expect(await audits()).toMatchObject([
      {
        actorId: fx.agent.id,
        caseId: null,
        visibility: 'internal',
        data: {
          userId: fx.agent.id,
          changes: [
            { kind: 'team_queue', from: 'digest', to: 'off' },
            { kind: 'rated_no', from: 'digest', to: 'immediate' },
          ],
        },
      },
    ]);
    // The same choice again changes nothing and is not audited again.
    expect(await saveNotificationPreferences(ctx, { team_queue: 'off' })).toEqual({ changed: 0 });
    expect(await audits()).toHaveLength(1);
  });

  it.each([
    [{ weekly_report: 'immediate' }, 'weekly_report', 'unknownKind'],
    [{ team_queue: 'weekly' }, 'team_queue', 'invalid'],
    [{ team_queue: 'off', rated_no: '' }, 'rated_no', 'invalid'],
    [{}, '_form', 'required'],
  ])('refuses %o naming the field (422), saving nothing', async (input, field, key) => {
    const error = await captureAppError(() =>
      saveNotificationPreferences(makeCtx(db, fx.agent, AT), input),
    );
    expect(error.code).toBe('VALIDATION');
    expect(error.fieldErrors).toEqual({ [field]: [key] });
    expect(await rows()).toEqual([]);
    expect(await audits()).toEqual([]);
  });

  it('belongs to a signed-in staff member only', async () => {
    for (const actor of [SYSTEM_ACTOR, customerActor(1)]) {
      const error = await captureAppError(() =>
        saveNotificationPreferences(makeCtx(db, actor, AT), { team_queue: 'off' }),
      );
      expect(error.code).toBe('FORBIDDEN');
    }
    expect(await rows()).toEqual([]);
  });
});
