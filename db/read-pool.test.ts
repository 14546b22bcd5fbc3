import fs from 'node:fs';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDb } from '@/lib/server/testing/test-db';
import { closeDatabase, inTransaction, openDb, type Db } from './client';
import { readAll, readBatch, stopReadPool } from './read-pool';

/** A read that takes a while on any machine: counting to five million in SQL. */
const SLOW = `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000000)
  SELECT count(*) AS c FROM n`;

let db: Db;
let file: string;
let cleanup: () => void;
beforeEach(() => {
  ({ db, file, cleanup } = createTestDb());
  db.run(sql`CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)`);
  db.run(sql`INSERT INTO t (name) VALUES ('uno'), ('dos')`);
});
afterEach(() => cleanup());
afterAll(() => stopReadPool());

/** The nice value of each thread of this process (Linux /proc; field 19 of a task's stat). */
function threadNiceValues(): number[] {
  return fs.readdirSync('/proc/self/task').map((tid) => {
    const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
  });
}

describe('the read pool', () => {
  it('answers a heavy read from another thread: the request thread is free meanwhile', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const started = performance.now();
    const pending = readAll<{ c: number }>(db, SLOW);
    const returnedAfter = performance.now() - started;
    const rows = await pending;
    const tookMs = performance.now() - started;
    clearInterval(timer);
    expect(rows).toEqual([{ c: 5_000_000 }]);
    // Run here, the call itself would have taken the whole read and no timer could have fired.
    expect(returnedAfter).toBeLessThan(tookMs / 4);
    expect(ticks).toBeGreaterThan(2);
  });

  it('runs its threads at a lower priority than the request thread', async () => {
    await readAll(db, 'SELECT 1');
    expect(threadNiceValues()).toContain(10);
    expect(threadNiceValues()).toContain(0);
  });

  it('sees every write committed before the read, and reads a batch from one snapshot', async () => {
    db.run(sql`INSERT INTO t (name) VALUES ('tres')`);
    expect(await readAll(db, 'SELECT name FROM t ORDER BY id')).toEqual([
      { name: 'uno' },
      { name: 'dos' },
      { name: 'tres' },
    ]);
    const [count, named] = await readBatch(db, [
      { sql: 'SELECT count(*) AS n FROM t' },
      { sql: 'SELECT name FROM t WHERE id = @id', params: [{ id: 2 }] },
    ]);
    expect(count).toEqual([{ n: 3 }]);
    expect(named).toEqual([{ name: 'dos' }]);
  });

  it('reads inside a transaction on the request thread, seeing its uncommitted writes', async () => {
    const rows = await inTransaction(db, async (tx) => {
      await tx.run(sql`INSERT INTO t (name) VALUES ('sin confirmar')`);
      return readAll<{ n: number }>(tx, 'SELECT count(*) AS n FROM t');
    });
    expect(rows).toEqual([{ n: 3 }]);
  });

  it('sends another request’s read to the pool while a transaction is open: it sees only what was committed', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const writing = inTransaction(db, async (tx) => {
      await tx.run(sql`INSERT INTO t (name) VALUES ('sin confirmar')`);
      await held;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(db.$client.inTransaction).toBe(true);
    const rows = await readAll<{ n: number }>(db, 'SELECT count(*) AS n FROM t');
    release();
    await writing;
    expect(rows).toEqual([{ n: 2 }]);
  });

  it('rejects a bad statement with SQLite’s message and keeps serving', async () => {
    await expect(readAll(db, 'SELECT nope FROM t')).rejects.toThrow(/no such column: nope/);
    expect(await readAll(db, 'SELECT count(*) AS n FROM t')).toEqual([{ n: 2 }]);
  });

  it('a database file made again under the same name is read afresh, not from the old one', async () => {
    expect(await readAll(db, 'SELECT count(*) AS n FROM t')).toEqual([{ n: 2 }]);
    closeDatabase(db);
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
    db = openDb(file);
    db.run(sql`CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)`);
    expect(await readAll(db, 'SELECT count(*) AS n FROM t')).toEqual([{ n: 0 }]);
  });
});
