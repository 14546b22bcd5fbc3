import { and, asc, eq, inArray, lte, ne, or, sql } from 'drizzle-orm';
import type { PgDb } from './client';
import { jobLeases, outbox, radicadoSequences } from './schema';

/**
 * What several app instances on one PostgreSQL must never do twice, as PostgreSQL statements
 * (SQLite gets the same guarantees from its single writer: db/sql/leases.ts,
 * lib/server/notices/sender.ts, lib/server/cases/radicado-sequence.ts):
 * - a radicado number is taken under the sequence row's lock, held until the filing commits or
 *   rolls back, so numbers are unique and without gaps whatever the number of instances;
 * - due outbox messages are claimed with FOR UPDATE SKIP LOCKED: two senders take disjoint sets,
 *   and one that dies gives its messages back when their lease runs out;
 * - a job's tick or a held lease is one conditional upsert: the row's lock decides, once.
 */
export type PgTx = Parameters<Parameters<PgDb['transaction']>[0]>[0];
export type PgConn = PgDb | PgTx;

/** The year's next number: inside the filing's transaction (see above). */
export async function takeRadicadoNumber(tx: PgTx, prefix: string, year: number): Promise<number> {
  const [row] = await tx
    .insert(radicadoSequences)
    .values({ prefix, year, lastValue: 1 })
    .onConflictDoUpdate({
      target: [radicadoSequences.prefix, radicadoSequences.year],
      set: { lastValue: sql`${radicadoSequences.lastValue} + 1` },
    })
    .returning({ lastValue: radicadoSequences.lastValue });
  return row!.lastValue;
}

export type ClaimedMessage = typeof outbox.$inferSelect;

/**
 * Takes up to `batch` due messages (pending, or 'sending' whose lease ran out) for `leaseMs`:
 * rows another sender is claiming right now are skipped, not waited for.
 */
export async function claimDueMessages(
  db: PgDb,
  now: Date,
  batch: number,
  leaseMs: number,
): Promise<ClaimedMessage[]> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: outbox.id })
      .from(outbox)
      .where(
        and(
          or(eq(outbox.status, 'pending'), eq(outbox.status, 'sending')),
          lte(outbox.nextAttemptAt, now),
          ne(outbox.medium, 'letter'),
        ),
      )
      .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
      .limit(batch)
      .for('update', { skipLocked: true });
    if (due.length === 0) return [];
    const claimed = await tx
      .update(outbox)
      .set({
        status: 'sending',
        attempts: sql`${outbox.attempts} + 1`,
        nextAttemptAt: new Date(now.getTime() + leaseMs),
      })
      .where(
        inArray(
          outbox.id,
          due.map((d) => d.id),
        ),
      )
      .returning();
    // RETURNING follows the rows' place in the heap, which a retry's update moves: the sender
    // delivers in the order the messages came due, as the claim read them.
    const place = new Map(due.map((d, i) => [d.id, i]));
    return claimed.sort((a, b) => place.get(a.id)! - place.get(b.id)!);
  });
}

/**
 * Records a claimed message as delivered, unless it was already recorded (a sender whose lease ran
 * out while it delivered may race another: as on SQLite, delivery is at least once).
 */
export async function markSent(db: PgConn, id: number, now: Date): Promise<boolean> {
  const rows = await db
    .update(outbox)
    .set({ status: 'sent', sentAt: now })
    .where(and(eq(outbox.id, id), eq(outbox.status, 'sending')))
    .returning({ id: outbox.id });
  return rows.length === 1;
}

/**
 * Claims a job's tick: refused when the tick was already taken (by anyone) or another holder's
 * lease is unexpired; else the tick and the lease become `holder`'s. One statement.
 */
export async function claimTick(
  db: PgConn,
  claim: { job: string; holder: string; now: Date; tickStart: Date; leaseMs: number },
): Promise<boolean> {
  const expiresAt = new Date(claim.now.getTime() + claim.leaseMs);
  const rows = await db
    .insert(jobLeases)
    .values({ name: claim.job, holder: claim.holder, expiresAt, lastTickAt: claim.tickStart })
    .onConflictDoUpdate({
      target: jobLeases.name,
      set: { holder: claim.holder, expiresAt, lastTickAt: claim.tickStart },
      setWhere: sql`(${jobLeases.lastTickAt} IS NULL OR ${jobLeases.lastTickAt} < ${claim.tickStart})
        AND (${jobLeases.holder} = ${claim.holder} OR ${jobLeases.expiresAt} <= ${claim.now})`,
    })
    .returning({ name: jobLeases.name });
  return rows.length === 1;
}

/** Takes or renews a lease held for as long as its holder renews it (a mailbox's reader). */
export async function holdLease(
  db: PgConn,
  lease: { name: string; holder: string; now: Date; leaseMs: number },
): Promise<boolean> {
  const expiresAt = new Date(lease.now.getTime() + lease.leaseMs);
  const rows = await db
    .insert(jobLeases)
    .values({ name: lease.name, holder: lease.holder, expiresAt })
    .onConflictDoUpdate({
      target: jobLeases.name,
      set: { holder: lease.holder, expiresAt },
      setWhere: sql`${jobLeases.holder} = ${lease.holder} OR ${jobLeases.expiresAt} <= ${lease.now}`,
    })
    .returning({ name: jobLeases.name });
  return rows.length === 1;
}

/** Gives a held lease back at once, so another instance takes over without waiting. */
export async function releaseLease(db: PgConn, name: string, holder: string): Promise<void> {
  await db
    .update(jobLeases)
    .set({ expiresAt: new Date(0) })
    .where(and(eq(jobLeases.name, name), eq(jobLeases.holder, holder)));
}
