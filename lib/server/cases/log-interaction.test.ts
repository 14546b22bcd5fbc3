import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conn } from '@/db/client';
import { interactions } from '@/db/tables';
import { applyCaseAction } from './apply-case-action';
import { getCaseWithTimeline } from './get-case';
import { captureAppError, fileCase, seedFixture, type Fixture } from '../testing/fixtures';
import { openTestDb } from '../testing/test-db';
import { makeCtx } from '@/lib/server/core/context';

let db: Conn;
let cleanup: () => Promise<void>;
let fx: Fixture;
const now = new Date('2026-03-16T15:00:00Z');
beforeEach(async () => {
  ({ db, cleanup } = await openTestDb());
  fx = await seedFixture(db);
});
afterEach(() => cleanup());

describe('calls and chats are recorded as interactions', () => {
  it('stores direction, duration, outcome and notes, as an internal event', async () => {
    const { id } = await fileCase(db, {}, new Date('2026-03-13T21:30:00Z'));
    await applyCaseAction(makeCtx(db, fx.agent, now), { caseId: id, action: 'take' });
    await applyCaseAction(makeCtx(db, fx.agent, now), {
      caseId: id,
      action: 'log_interaction',
      kind: 'call',
      direction: 'outbound',
      durationSeconds: 420,
      outcome: 'Contactado',
      body: 'Le expliqué el ajuste de la factura.',
    });
    expect(await db.select().from(interactions).where(eq(interactions.caseId, id))).toEqual([
      expect.objectContaining({
        kind: 'call',
        direction: 'outbound',
        durationSeconds: 420,
        outcome: 'Contactado',
        body: 'Le expliqué el ajuste de la factura.',
        staffId: fx.agent.id,
      }),
    ]);
    const customerView = await getCaseWithTimeline(
      makeCtx(db, { role: 'customer', id: null, caseId: id }, now),
      { caseId: id },
    );
    expect(customerView.events.map((e) => e.action)).not.toContain('log_interaction');
  });

  it('refuses an unknown kind and a negative duration', async () => {
    const { id } = await fileCase(db, {}, new Date('2026-03-13T21:30:00Z'));
    const bad = await captureAppError(() =>
      applyCaseAction(makeCtx(db, fx.agent, now), {
        caseId: id,
        action: 'log_interaction',
        kind: 'fax',
        durationSeconds: -5,
      }),
    );
    expect(bad.code).toBe('VALIDATION');
    expect(Object.keys(bad.fieldErrors ?? {}).sort()).toEqual(['durationSeconds', 'kind']);
    expect(await db.select().from(interactions)).toHaveLength(0);
  });
});
