/** Dates far outside any calendar in a report or view URL are read as no date, never a 500. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Conn } from '@/db/client';
import { makeCtx } from '../core/context';
import { seedFixture, type Fixture } from '../testing/fixtures';
import { openTestDb } from '../testing/test-db';
import { loadPqrsReport } from './load-report';

let db: Conn;
let cleanup: () => Promise<void>;
let fx: Fixture;
beforeEach(async () => {
  ({ db, cleanup } = await openTestDb());
  fx = await seedFixture(db);
});
afterEach(() => cleanup());

it.each([
  ['0000-01-01', '9999-12-31'],
  ['0001-01-01', '0001-12-31'],
  ['9999-01-01', '9999-12-31'],
])('the report from %s to %s answers with a period inside the calendar', async (from, to) => {
  const ctx = makeCtx(db, fx.supervisor, new Date('2026-04-15T15:00:00Z'));
  const loaded = await loadPqrsReport(ctx, new URLSearchParams({ from, to }), { locale: 'es' });
  expect(loaded.query.from >= '1900-01-01').toBe(true);
  expect(loaded.query.to <= '2199-12-31').toBe(true);
});
