import 'server-only';
import { first, one } from '@/db/rows';
import { and, asc, eq, ne } from 'drizzle-orm';
import type { Conn } from '@/db/client';
import { categories, processes, rootCauses, staffUsers } from '@/db/tables';
import {
  ActiveSchema,
  NamedSchema,
  ProcessCreateSchema,
  ProcessUpdateSchema,
  RenameSchema,
  RootCauseCreateSchema,
} from '@/lib/validation/admin-catalog';
import { withTransaction, type Ctx } from '../core/context';
import { AppError } from '../core/errors';
import { requireRole } from '../core/guard';
import { parseInput } from '../core/parse';
import { appendAdminEvent } from './admin-event';
import { insertProcess } from './create-process';

/** Catalogues (issue 7, item 4): categories, originating processes with an owner, root causes. */

export function duplicate(field = 'name'): AppError {
  return new AppError('VALIDATION', 'duplicate', { fieldErrors: { [field]: ['duplicate'] } });
}

// ── Categories ─────────────────────────────────────────────────────────────────────────────────

export async function createCategory(ctx: Ctx, input: unknown) {
  requireRole(ctx.actor, 'admin');
  const { name } = parseInput(NamedSchema, input);
  return withTransaction(ctx, async (tx) => {
    if (await first(tx.db.select().from(categories).where(eq(categories.name, name))))
      throw duplicate();
    const row = await one(tx.db.insert(categories).values({ name }).returning());
    await appendAdminEvent(tx, 'category_created', { categoryId: row.id, name });
    return { id: row.id };
  });
}

export async function renameCategory(ctx: Ctx, input: unknown) {
  requireRole(ctx.actor, 'admin');
  const { id, name } = parseInput(RenameSchema, input);
  return withTransaction(ctx, async (tx) => {
    const row = await first(tx.db.select().from(categories).where(eq(categories.id, id)));
    if (!row) throw new AppError('NOT_FOUND', 'category not found');
    const clash = await first(
      tx.db
        .select()
        .from(categories)
        .where(and(eq(categories.name, name), ne(categories.id, id))),
    );
    if (clash) throw duplicate();
    await tx.db.update(categories).set({ name }).where(eq(categories.id, id));
    await appendAdminEvent(tx, 'category_updated', { categoryId: id, from: row.name, name });
  });
}

export async function setCategoryActive(ctx: Ctx, input: unknown) {
  requireRole(ctx.actor, 'admin');
  const { id, active } = parseInput(ActiveSchema, input);
  return withTransaction(ctx, async (tx) => {
    const row = await first(
      tx.db.update(categories).set({ isActive: active }).where(eq(categories.id, id)).returning(),
    );
    if (!row) throw new AppError('NOT_FOUND', 'category not found');
    await appendAdminEvent(tx, 'category_updated', { categoryId: id, isActive: active });
  });
}

// ── Processes ──────────────────────────────────────────────────────────────────────────────────

/** The owner of a process is an active staff member. */
async function checkOwner(tx: Conn, ownerId: number | undefined): Promise<void> {
  if (ownerId === undefined) return;
  const owner = await first(tx.select().from(staffUsers).where(eq(staffUsers.id, ownerId)));
  if (!owner?.isActive) {
    throw new AppError('VALIDATION', 'owner', { fieldErrors: { ownerId: ['invalid'] } });
  }
}

export async function createProcessWithOwner(ctx: Ctx, input: unknown) {
  requireRole(ctx.actor, 'admin');
  const data = parseInput(ProcessCreateSchema, input);
  return withTransaction(ctx, async (tx) => {
    await checkOwner(tx.db, data.ownerId);
    const created = await insertProcess(tx, { name: data.name, rootCauses: [] });
    if (data.ownerId !== undefined) {
      await tx.db
        .update(processes)
        .set({ ownerId: data.ownerId })
        .where(eq(processes.id, created.id));
      await appendAdminEvent(tx, 'process_updated', {
        processId: created.id,
        ownerId: data.ownerId,
      });
    }
    return { id: created.id };
  });
}

export async function updateProcess(ctx: Ctx, input: unknown) {
  requireRole(ctx.actor, 'admin');
  const data = parseInput(ProcessUpdateSchema, input);
  return withTransaction(ctx, async (tx) => {
    const row = await first(tx.db.select().from(processes).where(eq(processes.id, data.id)));
    if (!row) throw new AppError('NOT_FOUND', 'process not found');
    const clash = await first(
      tx.db
        .select()
        .from(processes)
        .where(and(eq(processes.name, data.name), ne(processes.id, data.id))),
    );
    if (clash) throw duplicate();
    await checkOwner(tx.db, data.ownerId);
    const ownerId = data.ownerId ?? null;
    await tx.db
      .update(processes)
      .set({ name: data.name, ownerId })
      .where(eq(processes.id, data.id));
    await appendAdminEvent(tx, 'process_updated', {
      processId: data.id,
      from: row.name,
      name: data.name,
      ownerId,
    });
  });
}

export async function setProcessActive(ctx: Ctx, input: unknown) {
  requireRole(ctx.actor, 'admin');
  const { id, active } = parseInput(ActiveSchema, input);
  return withTransaction(ctx, async (tx) => {
    const row = await first(
      tx.db.update(processes).set({ isActive: active }).where(eq(processes.id, id)).returning(),
    );
    if (!row) throw new AppError('NOT_FOUND', 'process not found');
    await appendAdminEvent(tx, 'process_updated', { processId: id, isActive: active });
  });
}

// ── Root causes (unique per process) ───────────────────────────────────────────────────────────

export async function createRootCause(ctx: Ctx, input: unknown) {
  requireRole(ctx.actor, 'admin');
  const { processId, name } = parseInput(RootCauseCreateSchema, input);
  return withTransaction(ctx, async (tx) => {
    if (!(await first(tx.db.select().from(processes).where(eq(processes.id, processId))))) {
      throw new AppError('NOT_FOUND', 'process not found');
    }
    const clash = await first(
      tx.db
        .select()
        .from(rootCauses)
        .where(and(eq(rootCauses.processId, processId), eq(rootCauses.name, name))),
    );
    if (clash) throw duplicate();
    const row = await one(tx.db.insert(rootCauses).values({ processId, name }).returning());
    await appendAdminEvent(tx, 'root_cause_created', { rootCauseId: row.id, processId, name });
    return { id: row.id };
  });
}

export async function renameRootCause(ctx: Ctx, input: unknown) {
  requireRole(ctx.actor, 'admin');
  const { id, name } = parseInput(RenameSchema, input);
  return withTransaction(ctx, async (tx) => {
    const row = await first(tx.db.select().from(rootCauses).where(eq(rootCauses.id, id)));
    if (!row) throw new AppError('NOT_FOUND', 'root cause not found');
    const clash = await first(
      tx.db
        .select()
        .from(rootCauses)
        .where(
          and(
            eq(rootCauses.processId, row.processId),
            eq(rootCauses.name, name),
            ne(rootCauses.id, id),
          ),
        ),
    );
    if (clash) throw duplicate();
    await tx.db.update(rootCauses).set({ name }).where(eq(rootCauses.id, id));
    await appendAdminEvent(tx, 'root_cause_updated', { rootCauseId: id, from: row.name, name });
  });
}

export async function setRootCauseActive(ctx: Ctx, input: unknown) {
  requireRole(ctx.actor, 'admin');
  const { id, active } = parseInput(ActiveSchema, input);
  return withTransaction(ctx, async (tx) => {
    const row = await first(
      tx.db.update(rootCauses).set({ isActive: active }).where(eq(rootCauses.id, id)).returning(),
    );
    if (!row) throw new AppError('NOT_FOUND', 'root cause not found');
    await appendAdminEvent(tx, 'root_cause_updated', { rootCauseId: id, isActive: active });
  });
}

// ── Reading ────────────────────────────────────────────────────────────────────────────────────

/** Everything the catalogue page shows, inactive entries included (they stay on old cases). */
export async function loadCatalogues(ctx: Ctx) {
  requireRole(ctx.actor, 'admin');
  const { db } = ctx;
  return {
    categories: await db.select().from(categories).orderBy(asc(categories.name)),
    processes: await db
      .select({
        id: processes.id,
        name: processes.name,
        ownerId: processes.ownerId,
        ownerName: staffUsers.name,
        isActive: processes.isActive,
      })
      .from(processes)
      .leftJoin(staffUsers, eq(staffUsers.id, processes.ownerId))
      .orderBy(asc(processes.name)),
    rootCauses: await db.select().from(rootCauses).orderBy(asc(rootCauses.name)),
    staff: await db
      .select({ id: staffUsers.id, name: staffUsers.name })
      .from(staffUsers)
      .where(eq(staffUsers.isActive, true))
      .orderBy(asc(staffUsers.name)),
  };
}
