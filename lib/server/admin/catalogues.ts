import 'server-only';
import { and, asc, eq, ne } from 'drizzle-orm';
import type { Db, Conn } from '@/db/client';
import { categories, processes, rootCauses, staffUsers } from '@/db/schema';
import {
  ActiveSchema,
  NamedSchema,
  ProcessCreateSchema,
  ProcessUpdateSchema,
  RenameSchema,
  RootCauseCreateSchema,
} from '@/lib/validation/admin-catalog';
import type { Actor } from '../core/actor';
import { appendEvent } from '../core/audit';
import { createProcess } from './create-process';
import { AppError } from '../core/errors';
import { parseInput } from '../core/parse';

/** Catalogues (issue 7, item 4): categories, originating processes with an owner, root causes. */

export function assertAdmin(actor: Actor): void {
  if (actor.role !== 'admin') throw new AppError('FORBIDDEN', 'admins only');
}

export function duplicate(field = 'name'): AppError {
  return new AppError('VALIDATION', 'duplicate', { fieldErrors: { [field]: ['duplicate'] } });
}

export function audit(
  tx: Conn,
  actor: Actor,
  action: string,
  data: Record<string, unknown>,
  now: Date,
) {
  appendEvent(tx, {
    caseId: null,
    action,
    actorRole: actor.role,
    actorId: actor.id,
    visibility: 'internal',
    data,
    createdAt: now,
  });
}

function write<T>(db: Db, fn: (tx: Conn) => T): T {
  return db.transaction(fn, { behavior: 'immediate' });
}

// ── Categories ─────────────────────────────────────────────────────────────────────────────────

export function createCategory(db: Db, actor: Actor, input: unknown, now = new Date()) {
  assertAdmin(actor);
  const { name } = parseInput(NamedSchema, input);
  return write(db, (tx) => {
    if (tx.select().from(categories).where(eq(categories.name, name)).get()) throw duplicate();
    const row = tx.insert(categories).values({ name }).returning().get();
    audit(tx, actor, 'category_created', { categoryId: row.id, name }, now);
    return { id: row.id };
  });
}

export function renameCategory(db: Db, actor: Actor, input: unknown, now = new Date()) {
  assertAdmin(actor);
  const { id, name } = parseInput(RenameSchema, input);
  return write(db, (tx) => {
    const row = tx.select().from(categories).where(eq(categories.id, id)).get();
    if (!row) throw new AppError('NOT_FOUND', 'category not found');
    const clash = tx
      .select()
      .from(categories)
      .where(and(eq(categories.name, name), ne(categories.id, id)))
      .get();
    if (clash) throw duplicate();
    tx.update(categories).set({ name }).where(eq(categories.id, id)).run();
    audit(tx, actor, 'category_updated', { categoryId: id, from: row.name, name }, now);
  });
}

export function setCategoryActive(db: Db, actor: Actor, input: unknown, now = new Date()) {
  assertAdmin(actor);
  const { id, active } = parseInput(ActiveSchema, input);
  return write(db, (tx) => {
    const row = tx
      .update(categories)
      .set({ isActive: active })
      .where(eq(categories.id, id))
      .returning()
      .get();
    if (!row) throw new AppError('NOT_FOUND', 'category not found');
    audit(tx, actor, 'category_updated', { categoryId: id, isActive: active }, now);
  });
}

// ── Processes ──────────────────────────────────────────────────────────────────────────────────

/** The owner of a process is an active staff member. */
function checkOwner(tx: Conn, ownerId: number | undefined): void {
  if (ownerId === undefined) return;
  const owner = tx.select().from(staffUsers).where(eq(staffUsers.id, ownerId)).get();
  if (!owner?.isActive) {
    throw new AppError('VALIDATION', 'owner', { fieldErrors: { ownerId: ['invalid'] } });
  }
}

export function createProcessWithOwner(db: Db, actor: Actor, input: unknown, now = new Date()) {
  assertAdmin(actor);
  const data = parseInput(ProcessCreateSchema, input);
  return write(db, (tx) => {
    checkOwner(tx, data.ownerId);
    // create-process.ts runs its own transaction: nested here, it becomes a savepoint of this one.
    const created = createProcess({ name: data.name }, actor, { db: tx as unknown as Db, now });
    if (data.ownerId !== undefined) {
      tx.update(processes).set({ ownerId: data.ownerId }).where(eq(processes.id, created.id)).run();
      audit(tx, actor, 'process_updated', { processId: created.id, ownerId: data.ownerId }, now);
    }
    return { id: created.id };
  });
}

export function updateProcess(db: Db, actor: Actor, input: unknown, now = new Date()) {
  assertAdmin(actor);
  const data = parseInput(ProcessUpdateSchema, input);
  return write(db, (tx) => {
    const row = tx.select().from(processes).where(eq(processes.id, data.id)).get();
    if (!row) throw new AppError('NOT_FOUND', 'process not found');
    const clash = tx
      .select()
      .from(processes)
      .where(and(eq(processes.name, data.name), ne(processes.id, data.id)))
      .get();
    if (clash) throw duplicate();
    checkOwner(tx, data.ownerId);
    const ownerId = data.ownerId ?? null;
    tx.update(processes).set({ name: data.name, ownerId }).where(eq(processes.id, data.id)).run();
    audit(
      tx,
      actor,
      'process_updated',
      { processId: data.id, from: row.name, name: data.name, ownerId },
      now,
    );
  });
}

export function setProcessActive(db: Db, actor: Actor, input: unknown, now = new Date()) {
  assertAdmin(actor);
  const { id, active } = parseInput(ActiveSchema, input);
  return write(db, (tx) => {
    const row = tx
      .update(processes)
      .set({ isActive: active })
      .where(eq(processes.id, id))
      .returning()
      .get();
    if (!row) throw new AppError('NOT_FOUND', 'process not found');
    audit(tx, actor, 'process_updated', { processId: id, isActive: active }, now);
  });
}

// ── Root causes (unique per process) ───────────────────────────────────────────────────────────

export function createRootCause(db: Db, actor: Actor, input: unknown, now = new Date()) {
  assertAdmin(actor);
  const { processId, name } = parseInput(RootCauseCreateSchema, input);
  return write(db, (tx) => {
    if (!tx.select().from(processes).where(eq(processes.id, processId)).get()) {
      throw new AppError('NOT_FOUND', 'process not found');
    }
    const clash = tx
      .select()
      .from(rootCauses)
      .where(and(eq(rootCauses.processId, processId), eq(rootCauses.name, name)))
      .get();
    if (clash) throw duplicate();
    const row = tx.insert(rootCauses).values({ processId, name }).returning().get();
    audit(tx, actor, 'root_cause_created', { rootCauseId: row.id, processId, name }, now);
    return { id: row.id };
  });
}

export function renameRootCause(db: Db, actor: Actor, input: unknown, now = new Date()) {
  assertAdmin(actor);
  const { id, name } = parseInput(RenameSchema, input);
  return write(db, (tx) => {
    const row = tx.select().from(rootCauses).where(eq(rootCauses.id, id)).get();
    if (!row) throw new AppError('NOT_FOUND', 'root cause not found');
    const clash = tx
      .select()
      .from(rootCauses)
      .where(
        and(
          eq(rootCauses.processId, row.processId),
          eq(rootCauses.name, name),
          ne(rootCauses.id, id),
        ),
      )
      .get();
    if (clash) throw duplicate();
    tx.update(rootCauses).set({ name }).where(eq(rootCauses.id, id)).run();
    audit(tx, actor, 'root_cause_updated', { rootCauseId: id, from: row.name, name }, now);
  });
}

export function setRootCauseActive(db: Db, actor: Actor, input: unknown, now = new Date()) {
  assertAdmin(actor);
  const { id, active } = parseInput(ActiveSchema, input);
  return write(db, (tx) => {
    const row = tx
      .update(rootCauses)
      .set({ isActive: active })
      .where(eq(rootCauses.id, id))
      .returning()
      .get();
    if (!row) throw new AppError('NOT_FOUND', 'root cause not found');
    audit(tx, actor, 'root_cause_updated', { rootCauseId: id, isActive: active }, now);
  });
}

// ── Reading ────────────────────────────────────────────────────────────────────────────────────

/** Everything the catalogue page shows, inactive entries included (they stay on old cases). */
export function loadCatalogues(db: Db) {
  return {
    categories: db.select().from(categories).orderBy(asc(categories.name)).all(),
    processes: db
      .select({
        id: processes.id,
        name: processes.name,
        ownerId: processes.ownerId,
        ownerName: staffUsers.name,
        isActive: processes.isActive,
      })
      .from(processes)
      .leftJoin(staffUsers, eq(staffUsers.id, processes.ownerId))
      .orderBy(asc(processes.name))
      .all(),
    rootCauses: db.select().from(rootCauses).orderBy(asc(rootCauses.name)).all(),
    staff: db
      .select({ id: staffUsers.id, name: staffUsers.name })
      .from(staffUsers)
      .where(eq(staffUsers.isActive, true))
      .orderBy(asc(staffUsers.name))
      .all(),
  };
}
