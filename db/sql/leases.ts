import { eq } from 'drizzle-orm';
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
export function claimLease(db: Conn, claim: LeaseClaim): boolean {
  const start = claim.tickStart;
  return db.transaction(
    (tx) => {
      const row = tx.select().from(jobLeases).where(eq(jobLeases.name, claim.job)).get();
      if (row?.lastTickAt && row.lastTickAt.getTime() >= start.getTime()) return false;
      if (row && row.holder !== claim.holder && row.expiresAt.getTime() > claim.now.getTime()) {
        return false;
      }
      const values = {
        holder: claim.holder,
        expiresAt: new Date(claim.now.getTime() + claim.leaseMs),
        lastTickAt: start,
      };
      tx.insert(jobLeases)
        .values({ name: claim.job, ...values })
        .onConflictDoUpdate({ target: jobLeases.name, set: values })
        .run();
      return true;
    },
    { behavior: 'immediate' },
  );
}
