import { first } from '@/db/rows';
/**
 * A promise of mine due within the hour, or broken (issue 14 §3): in my bell once each, by e-mail
 * as I prefer; to whoever answers for the case when I am gone; never to the one who broke it.
 */
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conn } from '@/db/client';
import { notifications, outbox, promises, staffUsers, teams } from '@/db/tables';
import { SYSTEM_ACTOR, type Actor } from '../core/actor';
import { makeCtx } from '../core/context';
import { applyCaseAction } from '../cases/apply-case-action';
import { applyPromiseAction } from '../cases/apply-promise-action';
import { saveNotificationPreferences } from '../notices/notification-preferences';
import { setStaffActive } from '../admin/set-staff-active';
import { bogota, fileCase, insertStaff, seedFixture, type Fixture } from '../testing/fixtures';
import { openTestDb } from '../testing/test-db';
import { breakOverduePromises } from './break-promises';
import { sendPromiseDueAlerts } from './promise-alerts';

let db: Conn;
let cleanup: () => Promise<void>;
let fx: Fixture;
beforeEach(async () => {
  ({ db, cleanup } = await openTestDb());
  fx = await seedFixture(db);
  await db.update(teams).set({ supervisorId: fx.supervisor.id }).where(eq(teams.id, fx.teamId));
});
afterEach(() => cleanup());

const sys = (now: Date) => makeCtx(db, SYSTEM_ACTOR, now);
const DUE = bogota('2026-03-17T10:00:00');

/** A case the agent took, with the agent's promise due Tuesday 17 March at 10:00. */
async function promised(actor: Actor = fx.agent): Promise<{ caseId: number; promiseId: number }> {
  const { id: caseId } = await fileCase(db, {}, bogota('2026-03-13T16:30:00'));
  const at = bogota('2026-03-16T09:00:00');
  await applyCaseAction(makeCtx(db, fx.agent, at), { caseId, action: 'take' });
  await applyCaseAction(makeCtx(db, actor, at), {
    caseId,
    action: 'add_promise',
    description: 'Llamarle con el valor corregido',
    dueAt: DUE.toISOString(),
  });
  const promiseId = (await first(db.select().from(promises).where(eq(promises.caseId, caseId))))!
    .id;
  return { caseId, promiseId };
}

const bellOf = async (kind: string) =>
  await db
    .select({ userId: notifications.userId, mailedAt: notifications.mailedAt })
    .from(notifications)
    .where(eq(notifications.kind, kind));
const mailsOf = async (kind: string) =>
  await db
    .select()
    .from(outbox)
    .where(eq(outbox.kind, `alert_${kind}`));

describe('promise due within the hour', () => {
  it('fires once, within the hour and not before, with its mail at once by default', async () => {
    await promised();
    expect(await sendPromiseDueAlerts(sys(bogota('2026-03-17T08:55:00')))).toBe(0);
    expect(await sendPromiseDueAlerts(sys(bogota('2026-03-17T08:59:59')))).toBe(0);
    expect(await sendPromiseDueAlerts(sys(bogota('2026-03-17T09:00:00')))).toBe(1);
    expect(await sendPromiseDueAlerts(sys(bogota('2026-03-17T09:05:00')))).toBe(0);
    expect(await sendPromiseDueAlerts(sys(bogota('2026-03-17T09:55:00')))).toBe(0);
    // Past due it is no longer "due soon" (break-promises takes over).
    expect(await sendPromiseDueAlerts(sys(bogota('2026-03-17T10:01:00')))).toBe(0);
    expect(await bellOf('promise_due_soon')).toEqual([
      { userId: fx.agent.id, mailedAt: bogota('2026-03-17T09:00:00') },
    ]);
    const [mail] = await mailsOf('promise_due_soon');
    expect(mail).toMatchObject({ toAddress: 'agente@example.co' });
    expect(mail!.subject).toMatch(/^Compromiso por vencer: PQRS-2026-\d+$/);
    expect(mail!.bodyText).toContain('«Llamarle con el valor corregido»');
    expect(mail!.bodyText).toContain('10:00');
  });

  it('follows the owner’s preference: off keeps it in the bell only', async () => {
    await saveNotificationPreferences(makeCtx(db, fx.agent, bogota('2026-03-16T08:00:00')), {
      promise_due_soon: 'off',
    });
    await promised();
    expect(await sendPromiseDueAlerts(sys(bogota('2026-03-17T09:30:00')))).toBe(1);
    expect(await bellOf('promise_due_soon')).toEqual([{ userId: fx.agent.id, mailedAt: null }]);
    expect(await mailsOf('promise_due_soon')).toEqual([]);
  });

  it('goes to its maker when whoever owes it is inactive', async () => {
    // The supervisor makes the promise on the agent's case: the agent owes it.
    await promised(fx.supervisor);
    await db.update(staffUsers).set({ isActive: false }).where(eq(staffUsers.id, fx.agent.id));
    expect(await sendPromiseDueAlerts(sys(bogota('2026-03-17T09:30:00')))).toBe(1);
    expect((await bellOf('promise_due_soon')).map((b) => b.userId)).toEqual([fx.supervisor.id]);
  });
});

describe('promise broken', () => {
  it('fires once when break-promises records it, to its owner, by e-mail', async () => {
    await promised();
    expect(await breakOverduePromises(sys(bogota('2026-03-17T10:01:00')))).toBe(1);
    expect(await breakOverduePromises(sys(bogota('2026-03-17T10:06:00')))).toBe(0);
    expect(await bellOf('promise_broken')).toEqual([
      { userId: fx.agent.id, mailedAt: bogota('2026-03-17T10:01:00') },
    ]);
    const [mail] = await mailsOf('promise_broken');
    expect(mail!.subject).toMatch(/^Compromiso incumplido: PQRS-2026-\d+$/);
    expect(mail!.bodyText).toContain('venció el 17 de marzo de 2026 a las 10:00');
  });

  it('never alerts the person who marked it broken', async () => {
    const { promiseId } = await promised();
    await applyPromiseAction(makeCtx(db, fx.agent, bogota('2026-03-17T10:30:00')), {
      promiseId,
      action: 'break',
    });
    expect(await bellOf('promise_broken')).toEqual([]);
    expect(await mailsOf('promise_broken')).toEqual([]);
  });

  it('reaches the case’s assignee, else its team’s supervisor, once the promise’s people are gone', async () => {
    const colleague = await insertStaff(db, {
      email: 'colega@example.co',
      role: 'agent',
      teamId: fx.teamId,
    });
    const first = await promised();
    const second = await promised();
    await applyCaseAction(makeCtx(db, fx.supervisor, bogota('2026-03-16T12:00:00')), {
      caseId: first.caseId,
      action: 'assign',
      assigneeId: colleague.id,
    });
    // Deactivated by an admin: the agent's open case (the second) goes back to the team's queue.
    await setStaffActive(makeCtx(db, fx.admin, bogota('2026-03-16T13:00:00')), {
      userId: fx.agent.id,
      isActive: false,
    });
    expect(await breakOverduePromises(sys(bogota('2026-03-17T10:01:00')))).toBe(2);
    const bell = await db
      .select({ userId: notifications.userId, caseId: notifications.caseId })
      .from(notifications)
      .where(eq(notifications.kind, 'promise_broken'));
    expect(bell).toEqual([
      { userId: colleague.id, caseId: first.caseId },
      { userId: fx.supervisor.id, caseId: second.caseId },
    ]);
  });
});
