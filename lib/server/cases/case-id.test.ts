import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { fileCase, seedFixture } from '../testing/fixtures';
import { createTestDb } from '../testing/test-db';
import { caseIdByRadicado } from './case-id';

let db: Db;
let cleanup: () => void;
beforeEach(() => {
  ({ db, cleanup } = createTestDb());
  seedFixture(db);
});
afterEach(() => cleanup());

it('finds a case by its radicado as a URL carries it, and a malformed URL finds none (issue 13)', async () => {
  const { id, radicado } = await fileCase(db);
  expect(await caseIdByRadicado(db, radicado.toLowerCase())).toBe(id);
  expect(await caseIdByRadicado(db, encodeURIComponent(radicado))).toBe(id);
  // `/casos/%ZZ` and `/consulta/PQRS-2026-000001%25` threw URIError: a bare 500.
  expect(await caseIdByRadicado(db, '%ZZ')).toBeNull();
  expect(await caseIdByRadicado(db, `${radicado}%`)).toBeNull();
});
