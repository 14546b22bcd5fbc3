/** One press of a send button is applied once, however often its request arrives. */
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Conn } from '@/db/client';
import { outbox } from '@/db/tables';
import { makeCtx } from '../core/context';
import {
  bogota,
  captureAppError,
  eventsOf,
  fileCase,
  seedFixture,
  type Fixture,
} from '../testing/fixtures';
import { openTestDb } from '../testing/test-db';
import { applyCaseAction } from './apply-case-action';

let db: Conn;
let cleanup: () => Promise<void>;
let fx: Fixture;
beforeEach(async () => {
  ({ db, cleanup } = await openTestDb());
  fx = await seedFixture(db);
});
afterEach(() => cleanup());

const AT = bogota('2026-03-16T10:00:00');

it('applies a resent submission once, answers it with the first outcome, and queues one notice', async () => {
  const { id } = await fileCase(db);
  const ctx = makeCtx(db, fx.agent, AT);
  const taken = await applyCaseAction(ctx, { caseId: id, action: 'take' });
  const reply = {
    caseId: id,
    action: 'reply',
    body: 'Revisamos su factura.',
    expectedVersion: taken.version,
    submissionId: 'a1b2c3d4e5f6a7b8c9d0',
  };
  const first = await applyCaseAction(ctx, reply);
  const again = await applyCaseAction(ctx, reply);
  expect(again).toMatchObject({ eventId: first.eventId, version: first.version, replayed: true });
  expect((await eventsOf(db, id)).filter((e) => e.action === 'reply')).toHaveLength(1);
  expect(await db.select().from(outbox).where(eq(outbox.kind, 'reply'))).toHaveLength(1);

  // Another submission from the same stale page is a real second message: refused as a conflict.
  const error = await captureAppError(() =>
    applyCaseAction(ctx, { ...reply, submissionId: 'ffffeeeeddddccccbbbb' }),
  );
  expect(error.code).toBe('CONFLICT');
});

it('refuses a submission id that is not one', async () => {
  const { id } = await fileCase(db);
  const error = await captureAppError(() =>
    applyCaseAction(makeCtx(db, fx.agent, AT), {
      caseId: id,
      action: 'take',
      submissionId: "x' or 1",
    }),
  );
  expect(error.fieldErrors).toHaveProperty('submissionId');
});
