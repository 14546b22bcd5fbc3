import 'server-only';
import crypto from 'node:crypto';
import os from 'node:os';
import type { Conn } from '@/db/client';
import * as liteLeases from '@/db/sql/leases';
import * as pgLeases from '@/db/pg/claims';
import { isPg } from '@/db/pg/transactions';

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
 * asking for the same tick never both get it: SQLite serialises the transactions
 * (db/sql/leases.ts); on PostgreSQL the claim is one conditional upsert (db/pg/claims.ts).
 */
export async function takeTick(db: Conn, claim: TickClaim): Promise<boolean> {
  const lease = { ...claim, tickStart: tickStart(claim.now, claim.everyMs) };
  return isPg(db)
    ? await pgLeases.claimTick(pgOf(db), lease)
    : await liteLeases.claimLease(db, lease);
}

export interface HeldLease {
  name: string;
  holder: string;
  now: Date;
  leaseMs: number;
}

/**
 * A lease held for as long as its holder keeps renewing it (a mailbox read by one instance at a
 * time): taken when free, lapsed or already `holder`'s, then extended to now + leaseMs; refused
 * while another holder's is unexpired.
 */
export async function holdLease(db: Conn, lease: HeldLease): Promise<boolean> {
  return isPg(db)
    ? await pgLeases.holdLease(pgOf(db), lease)
    : await liteLeases.holdLease(db, lease);
}

/** Gives a held lease back at once (an instance stopping), so another takes over without waiting. */
export async function releaseLease(db: Conn, name: string, holder: string): Promise<void> {
  if (isPg(db)) await pgLeases.releaseLease(pgOf(db), name, holder);
  else await liteLeases.releaseLease(db, name, holder);
}

const pgOf = (db: Conn) => db as unknown as pgLeases.PgConn;
