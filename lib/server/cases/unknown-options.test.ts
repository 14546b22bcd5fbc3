/** Ids a form offered that name nothing (a stale page, a forged request) are 422 on the field, never a 500. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Conn } from '@/db/client';
import { makeCtx } from '../core/context';
import {
  bogota,
  captureAppError,
  caseRow,
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

it.each([
  ['reclassify', { categoryId: 9999 }, 'categoryId'],
  ['reclassify', { processId: 9999 }, 'processId'],
  ['close', { processId: 9999 }, 'processId'],
])('%s with an unknown %o is refused on %s and changes nothing', async (action, ids, field) => {
  const { id } = await fileCase(db, { typeCode: 'P' });
  const ctx = makeCtx(db, fx.supervisor, bogota('2026-03-16T10:00:00'));
  await applyCaseAction(ctx, { caseId: id, action: 'take' });
  if (action === 'close') {
    await applyCaseAction(ctx, {
      caseId: id,
      action: 'answer',
      body: 'Listo.',
      decision: 'informa',
    });
  }
  const before = await caseRow(db, id);
  const error = await captureAppError(() =>
    applyCaseAction(ctx, { caseId: id, action, reason: 'Corrección', ...ids }),
  );
  expect(error.code).toBe('VALIDATION');
  expect(error.fieldErrors).toEqual({ [field]: ['invalid'] });
  expect(await caseRow(db, id)).toEqual(before);
});
