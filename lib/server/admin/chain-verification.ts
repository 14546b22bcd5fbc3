import 'server-only';
import { first, one } from '@/db/rows';
import { inTransaction } from '@/db/client';
import { and, desc, eq } from 'drizzle-orm';
import os from 'node:os';
import type { Conn } from '@/db/client';
import { auditVerifications, jobLeases } from '@/db/tables';
import * as liteChain from '@/db/sql/audit-log';
import { chainExtent as pgChainExtent } from '@/db/pg/audit-history';
import { auditChainBatch as pgChainBatch } from '@/db/pg/audit-log';
import { isPg, pgQueryable } from '@/db/pg/transactions';
import type { Ctx } from '../core/context';
import { isUniqueViolation } from '../core/errors';
import { requireRole } from '../core/guard';
import { INSTANCE_ID } from '../jobs/job-runner';
import { checkLink } from './audit-verify';

/** Events checked per step; between steps the run yields so the server keeps answering. */
export const VERIFY_BATCH = 5_000;
/** The lease the running instance renews every step: a run whose lease lapsed was interrupted. */
const LEASE = 'audit.verify';
export const VERIFY_LEASE_MS = 15_000;

export type VerificationRun = typeof auditVerifications.$inferSelect;

/** The first broken link of a failed run, kept as JSON in `message`. */
export interface BrokenDetail {
  kind: 'prev_hash' | 'content';
  expected: string | null;
  found: string | null;
}

export interface DriveOptions {
  batchSize?: number;
  /** What runs between steps (tests hold a run here); by default one turn of the event loop. */
  pause?: () => Promise<void>;
  /** The clock for finish times and lease renewals (the run outlives the request's `now`). */
  clock?: () => Date;
  holder?: string;
}

/** The chain's extent on `db`'s engine (db/pg/audit-history.ts, or db/sql/audit-log.ts). */
const chainExtent = (db: Conn) =>
  isPg(db) ? pgChainExtent(pgQueryable(db)) : liteChain.chainExtent(db);

/** One batch of the chain: SQLite reads it in the read pool, PostgreSQL on the pool. */
const auditChainBatch = (db: Conn, batch: { afterId: number; throughId: number; limit: number }) =>
  isPg(db) ? pgChainBatch(pgQueryable(db), batch) : liteChain.auditChainBatch(db, batch);

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether the instance that holds a run's lease is gone: the lease lapsed (it stopped renewing),
 * or it names a process on this machine that no longer exists (the server restarted).
 */
function holderGone(lease: typeof jobLeases.$inferSelect | undefined, now: Date): boolean {
  if (!lease || lease.expiresAt.getTime() <= now.getTime()) return true;
  const [host, pid] = lease.holder.split(':');
  return host === os.hostname() && Number(pid) !== process.pid && !pidAlive(Number(pid));
}

/** Marks a 'running' run whose instance is gone as 'interrupted'; returns the latest run. */
async function settleLatest(db: Conn, now: Date): Promise<VerificationRun | null> {
  return await inTransaction(db, async (tx) => {
    const latest = await first(
      tx.select().from(auditVerifications).orderBy(desc(auditVerifications.id)).limit(1),
    );
    if (latest?.status !== 'running') return latest ?? null;
    const lease = await first(tx.select().from(jobLeases).where(eq(jobLeases.name, LEASE)));
    if (!holderGone(lease, now)) return latest;
    return await one(
      tx
        .update(auditVerifications)
        .set({ status: 'interrupted', finishedAt: now })
        .where(eq(auditVerifications.id, latest.id))
        .returning(),
    );
  });
}

/** The latest run (a run whose instance stopped is shown as interrupted), or null. Admins only. */
export async function latestVerification(ctx: Ctx): Promise<VerificationRun | null> {
  requireRole(ctx.actor, 'admin');
  return await settleLatest(ctx.db, ctx.now);
}

async function renewLease(db: Conn, holder: string, now: Date): Promise<void> {
  const values = { holder, expiresAt: new Date(now.getTime() + VERIFY_LEASE_MS), lastTickAt: now };
  await db
    .insert(jobLeases)
    .values({ name: LEASE, ...values })
    .onConflictDoUpdate({ target: jobLeases.name, set: values });
}

/**
 * Inserts the run, or finds the one going. Two instances starting at the same moment both see
 * none; the unique index on the running run refuses the second insert, which then reads the first.
 */
async function startRun(
  ctx: Ctx,
  holder: string,
): Promise<{ run: VerificationRun; throughId: number; alreadyRunning: boolean }> {
  const running = () =>
    first(ctx.db.select().from(auditVerifications).where(eq(auditVerifications.status, 'running')));
  try {
    return await inTransaction(ctx.db, async (tx) => {
      const going = await first(
        tx.select().from(auditVerifications).where(eq(auditVerifications.status, 'running')),
      );
      if (going) return { run: going, throughId: 0, alreadyRunning: true };
      const extent = await chainExtent(tx);
      const run = await one(
        tx
          .insert(auditVerifications)
          .values({
            startedBy: ctx.actor.id,
            startedAt: ctx.now,
            status: 'running',
            checked: 0,
            total: extent.total,
          })
          .returning(),
      );
      await renewLease(tx, holder, ctx.now);
      return { run, throughId: extent.lastId, alreadyRunning: false };
    });
  } catch (error) {
    const going = isUniqueViolation(error, 'audit_verifications') ? await running() : undefined;
    if (!going) throw error;
    return { run: going, throughId: 0, alreadyRunning: true };
  }
}

/**
 * Starts a verification of the whole chain in the background and returns its row at once, or the
 * run already going (one at a time, across instances: SQLite's IMMEDIATE transaction, and on
 * PostgreSQL the unique index on the running run). The run checks the events that exist now; later ones are the next run's.
 */
export async function startVerification(
  ctx: Ctx,
  _input: unknown = {},
  options: DriveOptions = {},
): Promise<{ run: VerificationRun; alreadyRunning: boolean; done: Promise<VerificationRun> }> {
  requireRole(ctx.actor, 'admin');
  const holder = options.holder ?? INSTANCE_ID;
  await settleLatest(ctx.db, ctx.now);
  const started = await startRun(ctx, holder);
  if (started.alreadyRunning) {
    return { run: started.run, alreadyRunning: true, done: Promise.resolve(started.run) };
  }
  const done = driveVerification(ctx.db, started.run.id, started.throughId, {
    ...options,
    holder,
  });
  // The caller answers at once; a failure of the walk itself is logged and leaves the run for
  // `settleLatest` to mark interrupted once its lease lapses.
  done.catch((error: unknown) => console.error(`audit verification ${started.run.id}:`, error));
  return { run: started.run, alreadyRunning: false, done };
}

/**
 * Walks the chain in steps of `batchSize` events up to `throughId`, recording progress after each
 * step and yielding between steps; stops at the first broken link (status 'failed', its event id
 * and the link's detail) or passes at the end.
 */
export async function driveVerification(
  db: Conn,
  runId: number,
  throughId: number,
  options: DriveOptions = {},
): Promise<VerificationRun> {
  const { batchSize = VERIFY_BATCH, pause = nextTurn, clock = () => new Date() } = options;
  const holder = options.holder ?? INSTANCE_ID;
  let previous: string | null = null;
  let afterId = 0;
  let checked = 0;
  for (;;) {
    await pause();
    const rows = await auditChainBatch(db, { afterId, throughId, limit: batchSize });
    let broken: (BrokenDetail & { eventId: number }) | null = null;
    for (const row of rows) {
      checked += 1;
      const link = checkLink(previous, row);
      if (link) {
        broken = { eventId: row.id, ...link };
        break;
      }
      previous = row.hash;
      afterId = row.id;
    }
    const now = clock();
    const done = broken !== null || rows.length < batchSize;
    const update = broken
      ? {
          checked,
          status: 'failed' as const,
          finishedAt: now,
          brokenAtEventId: broken.eventId,
          message: JSON.stringify({
            kind: broken.kind,
            expected: broken.expected,
            found: broken.found,
          } satisfies BrokenDetail),
        }
      : done
        ? { checked, status: 'passed' as const, finishedAt: now }
        : { checked };
    const row = await inTransaction(db, async (tx) => {
      if (!done) await renewLease(tx, holder, now);
      // Only a run still running is moved on: one marked interrupted meanwhile stays so.
      const moved = await first(
        tx
          .update(auditVerifications)
          .set(update)
          .where(and(eq(auditVerifications.id, runId), eq(auditVerifications.status, 'running')))
          .returning(),
      );
      return (
        moved ??
        (await first(tx.select().from(auditVerifications).where(eq(auditVerifications.id, runId))))
      );
    });
    // Done, or marked interrupted meanwhile (this instance was taken for gone): stop here.
    if (!row) throw new Error(`audit verification ${runId} is gone`);
    if (done || row.status !== 'running') return row;
  }
}

/** The broken link's detail of a failed run, or null. */
export function brokenDetail(run: Pick<VerificationRun, 'message'>): BrokenDetail | null {
  if (!run.message) return null;
  try {
    return JSON.parse(run.message) as BrokenDetail;
  } catch {
    return null;
  }
}

/** A run as the page shows it (plain JSON: the poll's route and the action send the same). */
export interface VerificationView {
  id: number;
  status: VerificationRun['status'];
  checked: number;
  total: number;
  startedAt: string;
  finishedAt: string | null;
  brokenAtEventId: number | null;
  broken: BrokenDetail | null;
}

export function verificationView(run: VerificationRun): VerificationView {
  return {
    id: run.id,
    status: run.status,
    checked: run.checked,
    total: run.total,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    brokenAtEventId: run.brokenAtEventId,
    broken: run.status === 'failed' ? brokenDetail(run) : null,
  };
}
