/**
 * Handle time: what agents send (replies, answers, information requests, logged interactions)
 * carries the minutes they spent on it, stored as the interaction's handle_seconds.
 */
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conn } from '@/db/client';
import { interactions } from '@/db/tables';
import { applyCaseAction } from './apply-case-action';
import {
  captureAppError,
  countRows,
  fileCase,
  seedFixture,
  type Fixture,
} from '../testing/fixtures';
import { openTestDb } from '../testing/test-db';
import { makeCtx } from '@/lib/server/core/context';

let db: Conn;
let cleanup: () => Promise<void>;
let fx: Fixture;
const AT = new Date('2026-03-17T15:00:00Z');

beforeEach(async () => {
  ({ db, cleanup } = await openTestDb());
  fx = await seedFixture(db);
});
afterEach(() => cleanup());

async function caseInProgress(): Promise<number> {
  const { id } = await fileCase(db);
  await applyCaseAction(makeCtx(db, fx.agent, AT), { caseId: id, action: 'take' });
  return id;
}

const act = (id: number, input: Record<string, unknown>) =>
  applyCaseAction(makeCtx(db, fx.agent, AT), { caseId: id, ...input });

const stored = async (id: number) =>
  await db
    .select({
      kind: interactions.kind,
      direction: interactions.direction,
      staffId: interactions.staffId,
      handleSeconds: interactions.handleSeconds,
    })
    .from(interactions)
    .where(eq(interactions.caseId, id))
    .orderBy(interactions.id);

describe('handle minutes on what the agent sends', () => {
  it('a reply, an information request, a logged call and the answer each keep their time', async () => {
    const id = await caseInProgress();
    await act(id, { action: 'reply', body: 'Estamos revisando.', handleMinutes: 7 });
    await act(id, {
      action: 'log_interaction',
      kind: 'call',
      direction: 'outbound',
      durationSeconds: 300,
      handleMinutes: 12,
    });
    await act(id, { action: 'request_info', body: 'Adjunte la factura.', handleMinutes: 4 });
    await applyCaseAction(makeCtx(db, { role: 'customer', id: null, caseId: id }, AT), {
      caseId: id,
      action: 'provide_info',
      body: 'Aquí está.',
    });
    await act(id, {
      action: 'answer',
      body: 'Reintegrado.',
      decision: 'concede',
      handleMinutes: 480,
    });
    expect(await stored(id)).toEqual([
      { kind: 'reply', direction: 'outbound', staffId: fx.agent.id, handleSeconds: 420 },
      { kind: 'call', direction: 'outbound', staffId: fx.agent.id, handleSeconds: 720 },
      // The information request is a message to the petitioner like any reply.
      { kind: 'reply', direction: 'outbound', staffId: fx.agent.id, handleSeconds: 240 },
      { kind: 'reply', direction: 'inbound', staffId: null, handleSeconds: null },
      { kind: 'reply', direction: 'outbound', staffId: fx.agent.id, handleSeconds: 28_800 },
    ]);
  });

  it('is optional: without it the time is unknown (null), zero is kept as zero', async () => {
    const id = await caseInProgress();
    await act(id, { action: 'reply', body: 'Sin tiempo.' });
    await act(id, { action: 'reply', body: 'Un instante.', handleMinutes: 0 });
    expect((await stored(id)).map((r) => r.handleSeconds)).toEqual([null, 0]);
  });

  it('refuses negative, fractional or more than 480 minutes, writing nothing', async () => {
    const id = await caseInProgress();
    for (const handleMinutes of [-1, 2.5, 481, Number.NaN]) {
      const error = await captureAppError(() =>
        act(id, { action: 'reply', body: 'x', handleMinutes }),
      );
      expect(error).toMatchObject({
        code: 'VALIDATION',
        fieldErrors: { handleMinutes: ['invalid'] },
      });
    }
    expect(await countRows(db, interactions)).toBe(0);
  });
});
