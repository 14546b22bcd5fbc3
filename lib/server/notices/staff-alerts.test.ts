import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conn } from '@/db/client';
import { notifications, teams } from '@/db/tables';
import { SYSTEM_ACTOR, type Actor } from '../core/actor';
import { makeCtx } from '../core/context';
import { applyCaseAction } from '../cases/apply-case-action';
import { addCustomerMessage } from '../portal/customer-message';
import { rateCase } from '../portal/rate-case';
import { saveRoutingRules } from '../routing/save-routing-rules';
import { bogota, customerActor, fileCase, seedFixture, type Fixture } from '../testing/fixtures';
import { openTestDb } from '../testing/test-db';

let db: Conn;
let cleanup: () => Promise<void>;
let fx: Fixture;
beforeEach(async () => {
  ({ db, cleanup } = await openTestDb());
  fx = await seedFixture(db);
  await db.update(teams).set({ supervisorId: fx.supervisor.id }).where(eq(teams.id, fx.teamId));
  await saveRoutingRules(makeCtx(db, fx.admin, bogota('2026-03-01T08:00:00')), {
    defaultTeamId: fx.teamId,
    rules: [],
  });
});
afterEach(() => cleanup());

const AT = bogota('2026-03-16T10:00:00');
const act = (caseId: number, input: Record<string, unknown>, actor: Actor) =>
  applyCaseAction(makeCtx(db, actor, AT), { caseId, ...input });

/** The bell entries a step adds, as [recipient, kind]. */
async function alertsOf(step: () => Promise<unknown>): Promise<[number, string][]> {
  const before = (await db.select({ id: notifications.id }).from(notifications)).length;
  await step();
  return (await db.select().from(notifications)).slice(before).map((n) => [n.userId, n.kind]);
}

describe('staff hear what matters, once, never about their own doing (issue 14 §3)', () => {
  it('tells the right person of each petitioner event and of each assignment', async () => {
    const { agent, supervisor } = fx;
    let caseId = 0;
    // New in a manual team: its available agents hear of it.
    expect(
      await alertsOf(async () => {
        caseId = (await fileCase(db, {}, bogota('2026-03-13T16:30:00'))).id;
      }),
    ).toEqual([[agent.id, 'team_queue']]);
    // While nobody holds it, the petitioner's message goes to the team's supervisor.
    expect(
      await alertsOf(() =>
        addCustomerMessage(makeCtx(db, SYSTEM_ACTOR, AT), {
          caseId,
          body: 'Les escribo de nuevo.',
          channel: 'email',
        }),
      ),
    ).toEqual([[supervisor.id, 'petitioner_replied']]);
    // The supervisor assigns it: the agent hears, the supervisor (who did it) does not.
    expect(
      await alertsOf(() => act(caseId, { action: 'assign', assigneeId: agent.id }, supervisor)),
    ).toEqual([[agent.id, 'assigned_to_me']]);
    // Work of the assignee alerts nobody.
    expect(
      await alertsOf(() =>
        act(caseId, { action: 'request_info', body: 'Adjunte la factura.' }, agent),
      ),
    ).toEqual([]);
    const customer = customerActor(caseId);
    expect(
      await alertsOf(() => act(caseId, { action: 'provide_info', body: 'Aquí está.' }, customer)),
    ).toEqual([[agent.id, 'info_received']]);
    expect(
      await alertsOf(() =>
        act(
          caseId,
          {
            action: 'request_callback',
            preferredAt: bogota('2026-03-18T10:00:00').toISOString(),
            body: '300 555 1111',
          },
          customer,
        ),
      ),
    ).toEqual([[agent.id, 'callback_requested']]);
    await act(
      caseId,
      { action: 'answer', body: 'Se reintegró el cobro.', decision: 'concede' },
      agent,
    );
    expect(
      await alertsOf(() =>
        rateCase(makeCtx(db, customer, AT), { caseId, result: 'no', courtesy: 4, clarity: 4 }),
      ),
    ).toEqual([[agent.id, 'rated_no']]);
    expect(
      await alertsOf(() =>
        act(caseId, { action: 'disagree', reason: 'No me devolvieron todo el cobro.' }, customer),
      ),
    ).toEqual([[agent.id, 'disagreed']]);
  });

  it('never alerts the actor, and a yes rating or an assignment to oneself alerts nobody', async () => {
    const { id } = await fileCase(db, {}, bogota('2026-03-13T16:30:00'));
    expect(
      await alertsOf(() =>
        act(id, { action: 'assign', assigneeId: fx.supervisor.id }, fx.supervisor),
      ),
    ).toEqual([]);
    await act(id, { action: 'answer', body: 'Listo.', decision: 'concede' }, fx.supervisor);
    expect(
      await alertsOf(() =>
        rateCase(makeCtx(db, customerActor(id), AT), {
          caseId: id,
          result: 'yes',
          courtesy: 5,
          clarity: 5,
        }),
      ),
    ).toEqual([]);
  });
});
