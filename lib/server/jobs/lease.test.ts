import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseOf, type Conn } from '@/db/client';
import { isPg } from '@/db/pg/transactions';
import { openTestDb } from '../testing/test-db';
import { runWorkers } from '../testing/workers';
import { runDueJobs } from './job-runner';
import type { Job } from '.';
import { holdLease, releaseLease, takeTick, tickStart } from './lease';

const MINUTE = 60_000;
const T0 = new Date('2026-11-23T15:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * MINUTE);
const claim = (holder: string, now: Date) => ({
  job: 'j',
  holder,
  now,
  everyMs: 5 * MINUTE,
  leaseMs: 10 * MINUTE,
});

let db: Conn;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ db, cleanup } = await openTestDb()));
afterEach(() => cleanup());

describe('a held lease (a mailbox read by one instance at a time)', () => {
  const hold = async (holder: string, now: Date) =>
    await holdLease(db, { name: 'mailbox:1', holder, now, leaseMs: MINUTE });
  it('stays with its holder while renewed, passes on when it lapses or is given back', async () => {
    expect(await hold('a', at(0))).toBe(true);
    expect(await hold('b', at(0.5))).toBe(false);
    expect(await hold('a', at(0.9))).toBe(true); // renewed until 1.9
    expect(await hold('b', at(1.5))).toBe(false);
    expect(await hold('b', at(2))).toBe(true); // a died: its lease lapsed
    await releaseLease(db, 'mailbox:1', 'a'); // not a's to give back
    expect(await hold('a', at(2.1))).toBe(false);
    await releaseLease(db, 'mailbox:1', 'b');
    expect(await hold('a', at(2.1))).toBe(true);
  });
});

describe('job ticks and leases', () => {
  it('gives each tick to one holder only', async () => {
    expect(await takeTick(db, claim('a', at(1)))).toBe(true);
    expect(await takeTick(db, claim('a', at(2)))).toBe(false); // same tick, already run
    expect(await takeTick(db, claim('b', at(3)))).toBe(false); // same tick, and a holds the lease
    expect(await takeTick(db, claim('b', at(6)))).toBe(false); // next tick, a's lease runs to minute 11
    expect(await takeTick(db, claim('a', at(6)))).toBe(true); // the holder keeps it
  });

  it('passes the job to another instance once the holder’s lease lapses', async () => {
    expect(await takeTick(db, claim('a', at(0)))).toBe(true);
    expect(await takeTick(db, claim('b', at(10)))).toBe(true); // a died: its lease ended at minute 10
    expect(await takeTick(db, claim('a', at(15)))).toBe(false); // now b holds it
  });

  it('starts ticks on multiples of the period', async () => {
    expect(tickStart(at(7), 5 * MINUTE)).toEqual(at(5));
  });

  it('lets exactly one of four racing claimants take the same tick', async () => {
    const holders = ['p1', 'p2', 'p3', 'p4'];
    const race = { job: 'race', now: at(1), everyMs: 5 * MINUTE };
    // SQLite: four processes on the file. PostgreSQL: four claims at once on the pool's four
    // connections (db/pg/claims.test.ts races separate instances too).
    const values = isPg(db)
      ? await Promise.all(
          holders.map(async (holder) =>
            (await takeTick(db, { ...race, holder, leaseMs: 2 * race.everyMs }))
              ? 'taken'
              : 'skipped',
          ),
        )
      : (
          await runWorkers(
            databaseOf(db).$client.name,
            holders.map((holder) => ({
              kind: 'take-tick' as const,
              ...race,
              holder,
              now: race.now.toISOString(),
            })),
          )
        )
          .flat()
          .map((o) => (o.ok ? o.value : o.code));
    expect(values.filter((v) => v === 'taken')).toHaveLength(1);
    expect(values.filter((v) => v === 'skipped')).toHaveLength(3);
  }, 30_000);

  it('runs each due job once across two runners sharing the database', async () => {
    const runs: string[] = [];
    const jobs: Job[] = [
      { name: 'x', everyMs: 5 * MINUTE, run: () => runs.push('x') },
      { name: 'y', everyMs: 60 * MINUTE, run: () => runs.push('y') },
    ];
    expect(await runDueJobs(db, at(1), 'a', jobs)).toEqual(['x', 'y']);
    expect(await runDueJobs(db, at(1), 'b', jobs)).toEqual([]);
    expect(await runDueJobs(db, at(2), 'a', jobs)).toEqual([]);
    expect(await runDueJobs(db, at(6), 'a', jobs)).toEqual(['x']);
    expect(runs).toEqual(['x', 'y', 'x']);
  });
});
