import { first } from '@/db/rows';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conn } from '@/db/client';
import { notifications, staffUsers, teams } from '@/db/tables';
import { setStaffActive } from '../admin/set-staff-active';
import { applyCaseAction } from '../cases/apply-case-action';
import { SYSTEM_ACTOR } from '../core/actor';
import { makeCtx } from '../core/context';
import { returnCasesOfLongAbsence } from '../jobs/long-absence';
import { setAvailability } from './set-availability';
import { teamAvailability } from './team-availability';
import {
  captureAppError,
  caseRow,
  eventsOf,
  fileCase,
  seedFixture,
  type Fixture,
} from '../testing/fixtures';
import { openTestDb } from '../testing/test-db';

let db: Conn;
let cleanup: () => Promise<void>;
let fx: Fixture;
beforeEach(async () => {
  ({ db, cleanup } = await openTestDb());
  fx = await seedFixture(db);
  await db.update(teams).set({ supervisorId: fx.supervisor.id }).where(eq(teams.id, fx.teamId));
});
afterEach(() => cleanup());

const T0 = new Date('2026-03-16T15:00:00Z');

describe('deactivating someone gives their open cases back to the team (issue 14 §2)', () => {
  it('unassigns each open case, records why, tells the supervisor, and leaves closed ones', async () => {
    const open = await fileCase(db, {}, T0);
    const answered = await fileCase(
      db,
      {
        customer: {
          documentType: 'CC',
          documentNumber: '77001',
          fullName: 'Otra',
          email: 'o@example.co',
        },
      },
      T0,
    );
    for (const c of [open, answered]) {
      await applyCaseAction(makeCtx(db, fx.agent, T0), { caseId: c.id, action: 'take' });
    }
    await applyCaseAction(makeCtx(db, fx.agent, T0), {
      caseId: answered.id,
      action: 'answer',
      body: 'Resuelto.',
      decision: 'concede',
    });
    const versionBefore = (await caseRow(db, open.id)).version;

    await setStaffActive(makeCtx(db, fx.admin, T0), { userId: fx.agent.id, isActive: false });

    expect(await caseRow(db, open.id)).toMatchObject({
      assigneeId: null,
      teamId: fx.teamId,
      state: 'en_tramite',
      version: versionBefore + 1,
    });
    expect((await caseRow(db, answered.id)).assigneeId).toBe(fx.agent.id);
    const returned = (await eventsOf(db, open.id)).find((e) => e.action === 'returned_to_queue');
    expect(returned).toMatchObject({ visibility: 'internal', actorId: fx.admin.id });
    expect(returned?.data).toMatchObject({ fromUserId: fx.agent.id, reason: 'deactivated' });
    const alerts = await db
      .select()
      .from(notifications)
      .where(eq(notifications.kind, 'returned_to_queue'));
    expect(alerts.map((n) => [n.userId, n.caseId])).toEqual([[fx.supervisor.id, open.id]]);
  });
});

describe('a long absence gives the cases back too (issue 14 §2)', () => {
  const hours = (n: number) => new Date(T0.getTime() + n * 3_600_000);

  it('returns an away agent’s open cases after AWAY_RETURN_HOURS, once, and tells the supervisor', async () => {
    const open = await fileCase(db, {}, T0);
    await applyCaseAction(makeCtx(db, fx.agent, T0), { caseId: open.id, action: 'take' });
    await setAvailability(makeCtx(db, fx.supervisor, T0), {
      userId: fx.agent.id,
      isAvailable: false,
    });
    expect(
      await first(db.select().from(staffUsers).where(eq(staffUsers.id, fx.agent.id))),
    ).toMatchObject({
      isAvailable: false,
      awaySince: T0,
    });

    expect(await returnCasesOfLongAbsence(makeCtx(db, SYSTEM_ACTOR, hours(23)), 24)).toBe(0);
    expect((await caseRow(db, open.id)).assigneeId).toBe(fx.agent.id);

    expect(await returnCasesOfLongAbsence(makeCtx(db, SYSTEM_ACTOR, hours(25)), 24)).toBe(1);
    expect(await caseRow(db, open.id)).toMatchObject({ assigneeId: null, teamId: fx.teamId });
    expect((await eventsOf(db, open.id)).at(-1)).toMatchObject({
      action: 'returned_to_queue',
      actorRole: 'system',
      data: { reason: 'away', fromUserId: fx.agent.id },
    });
    const alerts = async () =>
      await db.select().from(notifications).where(eq(notifications.kind, 'returned_to_queue'));
    expect((await alerts()).map((n) => n.userId)).toEqual([fx.supervisor.id]);
    expect(await returnCasesOfLongAbsence(makeCtx(db, SYSTEM_ACTOR, hours(26)), 24)).toBe(0);
    expect(await alerts()).toHaveLength(1);
  });

  it('leaves the cases of someone who came back, and the away time starts again', async () => {
    const open = await fileCase(db, {}, T0);
    await applyCaseAction(makeCtx(db, fx.agent, T0), { caseId: open.id, action: 'take' });
    const self = (now: Date, isAvailable: boolean) =>
      setAvailability(makeCtx(db, fx.agent, now), { userId: fx.agent.id, isAvailable });
    await self(T0, false);
    await self(hours(10), true);
    expect(
      (await first(db.select().from(staffUsers).where(eq(staffUsers.id, fx.agent.id))))?.awaySince,
    ).toBeNull();
    await self(hours(20), false);
    expect(await returnCasesOfLongAbsence(makeCtx(db, SYSTEM_ACTOR, hours(30)), 24)).toBe(0);
    expect((await caseRow(db, open.id)).assigneeId).toBe(fx.agent.id);
  });

  it('lets a supervisor set only the people of the teams they lead', async () => {
    const error = await captureAppError(() =>
      setAvailability(makeCtx(db, fx.supervisor, T0), {
        userId: fx.otherAgent.id,
        isAvailable: false,
      }),
    );
    expect(error.code).toBe('FORBIDDEN');
    expect(
      (await first(db.select().from(staffUsers).where(eq(staffUsers.id, fx.otherAgent.id))))
        ?.isAvailable,
    ).toBe(true);
  });
});

describe("the supervisor's team card", () => {
  it('lists the agents they lead with availability, away time and open cases; not to agents', async () => {
    const open = await fileCase(db, {}, T0);
    await applyCaseAction(makeCtx(db, fx.agent, T0), { caseId: open.id, action: 'take' });
    await setAvailability(makeCtx(db, fx.supervisor, T0), {
      userId: fx.agent.id,
      isAvailable: false,
    });
    const members = await teamAvailability(makeCtx(db, fx.supervisor, T0));
    expect(members).toEqual([
      expect.objectContaining({
        id: fx.agent.id,
        isAvailable: false,
        awaySince: T0,
        openCases: 1,
      }),
    ]);
    expect((await teamAvailability(makeCtx(db, fx.admin, T0))).map((m) => m.id).sort()).toEqual(
      [fx.agent.id, fx.otherAgent.id].sort(),
    );
    expect((await captureAppError(() => teamAvailability(makeCtx(db, fx.agent, T0)))).code).toBe(
      'FORBIDDEN',
    );
  });
});
