import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { notifications, teams } from '@/db/schema';
import { setStaffActive } from '../admin/set-staff-active';
import { applyCaseAction } from '../cases/apply-case-action';
import { makeCtx } from '../core/context';
import { caseRow, eventsOf, fileCase, seedFixture, type Fixture } from '../testing/fixtures';
import { createTestDb } from '../testing/test-db';

let db: Db;
let cleanup: () => void;
let fx: Fixture;
beforeEach(() => {
  ({ db, cleanup } = createTestDb());
  fx = seedFixture(db);
  db.update(teams).set({ supervisorId: fx.supervisor.id }).where(eq(teams.id, fx.teamId)).run();
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
    const versionBefore = caseRow(db, open.id).version;

    await setStaffActive(makeCtx(db, fx.admin, T0), { userId: fx.agent.id, isActive: false });

    expect(caseRow(db, open.id)).toMatchObject({
      assigneeId: null,
      teamId: fx.teamId,
      state: 'en_tramite',
      version: versionBefore + 1,
    });
    expect(caseRow(db, answered.id).assigneeId).toBe(fx.agent.id);
    const returned = eventsOf(db, open.id).find((e) => e.action === 'returned_to_queue');
    expect(returned).toMatchObject({ visibility: 'internal', actorId: fx.admin.id });
    expect(returned?.data).toMatchObject({ fromUserId: fx.agent.id, reason: 'deactivated' });
    const alerts = db
      .select()
      .from(notifications)
      .where(eq(notifications.kind, 'returned_to_queue'))
      .all();
    expect(alerts.map((n) => [n.userId, n.caseId])).toEqual([[fx.supervisor.id, open.id]]);
  });
});
