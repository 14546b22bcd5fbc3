import 'server-only';
import crypto from 'node:crypto';
import os from 'node:os';
import type { Conn } from '@/db/client';
import { claimLease } from '@/db/sql/leases';

/** This instance's name in the lease table. */
export const INSTANCE_ID = `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`;

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
 * asking for the same tick never both get it: SQLite serialises the transactions (db/sql/leases.ts).
 */
export async function takeTick(db: Conn, claim: TickClaim): Promise<boolean> {
  return await claimLease(db, { ...claim, tickStart: tickStart(claim.now, claim.everyMs) });
}
