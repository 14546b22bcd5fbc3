import 'server-only';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { jobLeases } from '@/db/schema';

export interface TickClaim {
  job: string;
  /** Who asks: one id per app instance (host:pid:random). */
  holder: string;
  now: Date;
  /** The job's period: ticks are [k·everyMs, (k+1)·everyMs). */
  everyMs: number;
  /** How long the holder keeps the job after a tick; another instance takes over once it lapses. */
  leaseMs: number;
}

/** The start of the tick `now` falls in. */
export function tickStart(now: Date, everyMs: number): Date {
  return new Date(Math.floor(now.getTime() / everyMs) * everyMs);
}

/**
 * Decides, in one write transaction, whether `holder` runs this tick of `job`: not when the tick
 * was already taken (by anyone), nor while another instance's lease is unexpired. Two runners
 * asking for the same tick never both get it: SQLite serialises the transactions.
 */
export function takeTick(db: Db, claim: TickClaim): boolean {
  const start = tickStart(claim.now, claim.everyMs);
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
