/** Catalogue administration (issue 7, item 4) on a real database. */
import { eq } from 'drizzle-orm';
import { first } from '@/db/rows';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conn } from '@/db/client';
import { caseEvents, categories, processes, rootCauses } from '@/db/tables';
import { HTTP_STATUS } from '../core/errors';
import { queueFilterOptions } from '../cases/queue-options';
import { captureAppError, insertStaff, seedFixture, type Fixture } from '../testing/fixtures';
import { openTestDb } from '../testing/test-db';
import {
  createCategory,
  createProcessWithOwner,
  createRootCause,
  loadCatalogues,
  renameCategory,
  renameRootCause,
  setCategoryActive,
  setProcessActive,
  setRootCauseActive,
  updateProcess,
} from './catalogues';
import { makeCtx } from '../core/context';

let db: Conn;
let cleanup: () => Promise<void>;
let fx: Fixture;

beforeEach(async () => {
  ({ db, cleanup } = await openTestDb());
  fx = await seedFixture(db);
});
afterEach(() => cleanup());

const actions = async (name: string) =>
  await db.select().from(caseEvents).where(eq(caseEvents.action, name));

describe('categories', () => {
  it('creates, renames and deactivates, each audited with no case', async () => {
    const { id } = await createCategory(makeCtx(db, fx.admin), { name: 'Facturación' });
    await renameCategory(makeCtx(db, fx.admin), { id, name: 'Facturación y cobros' });
    await setCategoryActive(makeCtx(db, fx.admin), { id, active: 'false' });
    expect(await first(db.select().from(categories).where(eq(categories.id, id)))).toMatchObject({
      name: 'Facturación y cobros',
      isActive: false,
    });
    expect(await actions('category_created')).toHaveLength(1);
    expect(await actions('category_updated')).toHaveLength(2);
    expect((await actions('category_created'))[0]).toMatchObject({
      caseId: null,
      actorId: fx.admin.id,
    });
  });

  it('refuses a duplicate name with a 422 field error (also on rename)', async () => {
    await createCategory(makeCtx(db, fx.admin), { name: 'Facturación' });
    const { id } = await createCategory(makeCtx(db, fx.admin), { name: 'Entregas' });
    for (const attempt of [
      () => createCategory(makeCtx(db, fx.admin), { name: 'Facturación' }),
      () => renameCategory(makeCtx(db, fx.admin), { id, name: 'Facturación' }),
    ]) {
      const error = await captureAppError(attempt);
      expect(HTTP_STATUS[error.code]).toBe(422);
      expect(error.fieldErrors).toEqual({ name: ['duplicate'] });
    }
  });
});

describe('processes', () => {
  it('creates a process with an active owner (via create-process), then renames and re-owns it', async () => {
    const owner = await insertStaff(db, { email: 'duena@example.co', role: 'supervisor' });
    const { id } = await createProcessWithOwner(makeCtx(db, fx.admin), {
      name: 'Instalación',
      ownerId: owner.id,
    });
    expect(await first(db.select().from(processes).where(eq(processes.id, id)))).toMatchObject({
      name: 'Instalación',
      ownerId: owner.id,
      isActive: true,
    });
    expect(await actions('process_created')).toHaveLength(1);
    await updateProcess(makeCtx(db, fx.admin), {
      id,
      name: 'Instalaciones',
      ownerId: fx.supervisor.id,
    });
    expect(await first(db.select().from(processes).where(eq(processes.id, id)))).toMatchObject({
      name: 'Instalaciones',
      ownerId: fx.supervisor.id,
    });
    expect(await actions('process_updated')).toHaveLength(2);
  });

  it('refuses an inactive owner and a duplicate name, leaving nothing behind', async () => {
    const gone = await insertStaff(db, { email: 'ido@example.co', role: 'agent', isActive: false });
    const before = (await db.select().from(processes)).length;
    const owner = await captureAppError(() =>
      createProcessWithOwner(makeCtx(db, fx.admin), { name: 'Instalación', ownerId: gone.id }),
    );
    expect(owner.fieldErrors).toEqual({ ownerId: ['invalid'] });
    const dup = await captureAppError(() =>
      createProcessWithOwner(makeCtx(db, fx.admin), { name: 'Facturación' }),
    );
    expect(HTTP_STATUS[dup.code]).toBe(422);
    expect(dup.fieldErrors).toEqual({ name: ['duplicate'] });
    const rename = await captureAppError(() =>
      updateProcess(makeCtx(db, fx.admin), { id: fx.otherProcessId, name: 'Facturación' }),
    );
    expect(rename.fieldErrors).toEqual({ name: ['duplicate'] });
    expect(await db.select().from(processes)).toHaveLength(before);
    expect(await actions('process_created')).toHaveLength(0);
  });

  it('a deactivated process and root cause are no longer offered but stay in the catalogue', async () => {
    await setProcessActive(makeCtx(db, fx.admin), { id: fx.otherProcessId, active: 'false' });
    await setRootCauseActive(makeCtx(db, fx.admin), { id: fx.rootCauseIds[0], active: 'false' });
    const offered = await queueFilterOptions(makeCtx(db, fx.admin));
    expect(offered.processes.map((p) => p.id)).not.toContain(fx.otherProcessId);
    const all = await loadCatalogues(makeCtx(db, fx.admin));
    expect(all.processes.find((p) => p.id === fx.otherProcessId)?.isActive).toBe(false);
    expect(all.rootCauses.find((r) => r.id === fx.rootCauseIds[0])?.isActive).toBe(false);
  });
});

describe('root causes', () => {
  it('are unique per process, not across processes', async () => {
    const dup = await captureAppError(() =>
      createRootCause(makeCtx(db, fx.admin), { processId: fx.processId, name: 'Cobro doble' }),
    );
    expect(HTTP_STATUS[dup.code]).toBe(422);
    expect(dup.fieldErrors).toEqual({ name: ['duplicate'] });
    const { id } = await createRootCause(makeCtx(db, fx.admin), {
      processId: fx.otherProcessId,
      name: 'Cobro doble',
    });
    const rename = await captureAppError(() =>
      renameRootCause(makeCtx(db, fx.admin), { id: fx.rootCauseIds[1], name: 'Cobro doble' }),
    );
    expect(rename.fieldErrors).toEqual({ name: ['duplicate'] });
    await renameRootCause(makeCtx(db, fx.admin), { id, name: 'Doble cobro' });
    expect((await first(db.select().from(rootCauses).where(eq(rootCauses.id, id))))?.name).toBe(
      'Doble cobro',
    );
    expect(await actions('root_cause_created')).toHaveLength(1);
    expect(await actions('root_cause_updated')).toHaveLength(1);
  });
});

describe('access', () => {
  it('refuses agents and supervisors with 403 on every change', async () => {
    for (const actor of [fx.agent, fx.supervisor]) {
      for (const attempt of [
        () => createCategory(makeCtx(db, actor), { name: 'Nueva' }),
        () => createProcessWithOwner(makeCtx(db, actor), { name: 'Nuevo' }),
        () => updateProcess(makeCtx(db, actor), { id: fx.processId, name: 'Otro' }),
        () => setProcessActive(makeCtx(db, actor), { id: fx.processId, active: 'false' }),
        () => createRootCause(makeCtx(db, actor), { processId: fx.processId, name: 'Otra' }),
        () => renameRootCause(makeCtx(db, actor), { id: fx.rootCauseIds[0], name: 'Otra' }),
        () => setRootCauseActive(makeCtx(db, actor), { id: fx.rootCauseIds[0], active: 'false' }),
      ]) {
        expect(HTTP_STATUS[(await captureAppError(attempt)).code]).toBe(403);
      }
    }
    expect(await db.select().from(caseEvents)).toHaveLength(0);
  });
});
