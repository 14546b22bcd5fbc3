import { first } from '../rows';
import { inTransaction } from '../client';
import { and, eq } from 'drizzle-orm';
import type { Conn } from '../client';
import { jobLeases } from '../schema';

export interface LeaseClaim {
  job: string;
  holder: string;
  now: Date;
  /** The start of the tick being claimed. */
  tickStart: Date;
  leaseMs: number;
}

/**
 * In one IMMEDIATE write transaction: refuses a tick already taken (by anyone) or a job whose lease
 * another holder still has; otherwise records the tick and the lease as `holder`'s. SQLite
 * serialises the transactions, so two runners never both get the same tick.
 */
export async function claimLease(db: Conn, claim: LeaseClaim): Promise<boolean> {
  const start = claim.tickStart;
  return await inTransaction(db, async (tx) => {
    const row = await first(tx.select().from(jobLeases).where(eq(jobLeases.name, claim.job)));
    if (row?.lastTickAt && row.lastTickAt.getTime() >= start.getTime()) return false;
    if (row && row.holder !== claim.holder && row.expiresAt.getTime() > claim.now.getTime()) {
      return false;
    }
    const values = {
      holder: claim.holder,
      expiresAt: new Date(claim.now.getTime() + claim.leaseMs),
      lastTickAt: start,
    };
    await tx
      .insert(jobLeases)
      .values({ name: claim.job, ...values })
      .onConflictDoUpdate({ target: jobLeases.name, set: values });
    return true;
  });
}

/**
 * A lease held for as long as its holder keeps renewing it (a mailbox read by one instance at a
 * time): taken when free, expired or already `holder`'s, and then extended to now + leaseMs;
 * refused while another holder's is unexpired. One IMMEDIATE transaction, as above.
 */
export async function holdLease(
  db: Conn,
  lease: { name: string; holder: string; now: Date; leaseMs: number },
): Promise<boolean> {
  return await inTransaction(db, async (tx) => {
    const row = await first(tx.select().from(jobLeases).where(eq(jobLeases.name, lease.name)));
    if (row && row.holder !== lease.holder && row.expiresAt.getTime() > lease.now.getTime()) {
      return false;
    }
    const values = {
      holder: lease.holder,
      expiresAt: new Date(lease.now.getTime() + lease.leaseMs),
    };
    await tx
      .insert(jobLeases)
      .values({ name: lease.name, ...values })
      .onConflictDoUpdate({ target: jobLeases.name, set: values });
    return true;
  });
}

/** Gives a held lease back at once (an instance stopping), so another takes over without waiting. */
export async function releaseLease(db: Conn, name: string, holder: string): Promise<void> {
  await inTransaction(db, (tx) =>
    tx
      .update(jobLeases)
      .set({ expiresAt: new Date(0) })
      .where(and(eq(jobLeases.name, name), eq(jobLeases.holder, holder)))
      .run(),
  );
}
