/**
 * SQLite's group commit: filings that arrive together share one transaction on the process's one
 * connection (db/client.ts). PostgreSQL gives each its own (group-commit.test.ts checks what both
 * engines promise).
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { vi } from 'vitest';
import type { Db } from '@/db/client';
import { createCase } from '../cases/create-case';
import { SYSTEM_ACTOR } from './actor';
import { makeCtx } from './context';
import { FILED_AT, validFiling } from '../testing/fixtures';
import { createTestDb } from '../testing/test-db';

let db: Db;
let cleanup: () => void;
beforeEach(() => ({ db, cleanup } = createTestDb()));
afterEach(() => {
  vi.restoreAllMocks();
  cleanup();
});

it('filings arriving together commit in one transaction, numbered in arrival order', async () => {
  const exec = vi.spyOn(db.$client, 'exec');
  const begins = () =>
    exec.mock.calls.filter(([statement]) => statement.startsWith('BEGIN')).length;
  const filed = await Promise.all(
    Array.from({ length: 8 }, (_, i) =>
      createCase(
        makeCtx(db, SYSTEM_ACTOR, FILED_AT),
        validFiling({ customer: { ...validFiling().customer!, documentNumber: `5300${i}` } }),
      ),
    ),
  );
  expect(begins()).toBe(1);
  expect(filed.map((c) => c.radicado)).toEqual(
    Array.from({ length: 8 }, (_, i) => `PQRS-2026-${String(i + 1).padStart(6, '0')}`),
  );
});
