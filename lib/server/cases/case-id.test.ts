import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Conn } from '@/db/client';
import { fileCase, seedFixture } from '../testing/fixtures';
import { openTestDb } from '../testing/test-db';
import { makeCtx } from '../core/context';
import { caseIdByRadicado, staffCaseFormInput } from './case-id';

let db: Conn;
let cleanup: () => Promise<void>;
let fx: Awaited<ReturnType<typeof seedFixture>>;
beforeEach(async () => {
  ({ db, cleanup } = await openTestDb());
  fx = await seedFixture(db);
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

it('reads each radicado a case form carries as the id of its own case, -1 when none', async () => {
  const merged = await fileCase(db, { subject: 'El caso que absorbe' });
  const linked = await fileCase(db, { subject: 'El caso relacionado' });
  const ctx = makeCtx(db, fx.agent);
  expect(await staffCaseFormInput(ctx, { relatedRadicado: linked.radicado })).toEqual({
    relatedCaseId: linked.id,
  });
  expect(
    await staffCaseFormInput(ctx, {
      targetRadicado: merged.radicado,
      relatedRadicado: linked.radicado.toLowerCase(),
      expectedVersion: '3',
    }),
  ).toEqual({ targetCaseId: merged.id, relatedCaseId: linked.id, expectedVersion: 3 });
  expect(await staffCaseFormInput(ctx, { targetRadicado: 'PQRS-1999-000001' })).toEqual({
    targetCaseId: -1,
  });
});
