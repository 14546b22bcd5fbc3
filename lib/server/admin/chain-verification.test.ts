import os from 'node:os';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conn } from '@/db/client';
import { isPg } from '@/db/pg/transactions';
import { first, one } from '@/db/rows';
import { auditVerifications, caseEvents, jobLeases } from '@/db/tables';
import { makeCtx } from '../core/context';
import { tamper } from '../testing/engine-sql';
import { captureAppError, fileCase, seedFixture, type Fixture } from '../testing/fixtures';
import { openAnotherConnection, openTestDb } from '../testing/test-db';
import {
  brokenDetail,
  latestVerification,
  startVerification,
  VERIFY_LEASE_MS,
} from './chain-verification';

let db: Conn;
let cleanup: () => Promise<void>;
let fx: Fixture;

beforeEach(async () => {
  ({ db, cleanup } = await openTestDb());
  fx = await seedFixture(db);
});
afterEach(() => cleanup());

const NOW = new Date('2026-05-04T15:00:00Z');
const eventIds = async () =>
  (await db.select({ id: caseEvents.id }).from(caseEvents).orderBy(caseEvents.id)).map((r) => r.id);

async function someCases(n: number) {
  for (let i = 0; i < n; i++) await fileCase(db, { subject: `Caso de prueba ${i}` }, NOW);
}

/** A pause the test releases step by step, recording the run's progress at each step. */
function gate() {
  const seen: number[] = [];
  let release: (() => void) | null = null;
  let held = false;
  return {
    seen,
    hold: () => {
      held = true;
    },
    release: () => {
      held = false;
      release?.();
    },
    pause: async () => {
      seen.push((await first(db.select().from(auditVerifications)))?.checked ?? -1);
      if (held) await new Promise<void>((resolve) => (release = resolve));
    },
  };
}

describe('the audit-chain verification as a background job', () => {
  it('records its progress step by step and passes an intact chain', async () => {
    await someCases(10);
    const total = (await eventIds()).length;
    expect(total).toBeGreaterThanOrEqual(8);
    const g = gate();
    const started = await startVerification(
      makeCtx(db, fx.admin, NOW),
      {},
      {
        batchSize: 3,
        pause: g.pause,
      },
    );
    expect(started.alreadyRunning).toBe(false);
    expect(started.run).toMatchObject({
      status: 'running',
      checked: 0,
      total,
      startedBy: fx.admin.id,
    });
    const final = await started.done;
    expect(final).toMatchObject({ status: 'passed', checked: total, brokenAtEventId: null });
    expect(final.finishedAt).toBeInstanceOf(Date);
    // One step per 3 events: the row showed 0, 3, 6, … before each step.
    expect(g.seen).toEqual(Array.from({ length: Math.floor(total / 3) + 1 }, (_, i) => i * 3));
    expect(await latestVerification(makeCtx(db, fx.admin, NOW))).toMatchObject({ id: final.id });
  });

  it('fails at the tampered event and names it', async () => {
    await someCases(8);
    const target = (await eventIds())[4]!;
    // Straight SQL, as an attacker with the database's files would.
    await tamper(db, sql`UPDATE case_events SET data = '{"x":1}' WHERE id = ${target}`);
    const { done } = await startVerification(makeCtx(db, fx.admin, NOW), {}, { batchSize: 2 });
    const final = await done;
    expect(final).toMatchObject({ status: 'failed', brokenAtEventId: target, checked: 5 });
    expect(brokenDetail(final)).toMatchObject({ kind: 'content' });
  });

  it('runs one at a time: a second start while running gets the running one', async () => {
    await someCases(2);
    const g = gate();
    g.hold();
    const first = await startVerification(makeCtx(db, fx.admin, NOW), {}, { pause: g.pause });
    const second = await startVerification(makeCtx(db, fx.admin, NOW));
    expect(second).toMatchObject({ alreadyRunning: true, run: { id: first.run.id } });
    expect(await db.select().from(auditVerifications)).toHaveLength(1);
    g.release();
    expect((await first.done).status).toBe('passed');
  });

  it('runs one at a time across instances: starts at the same moment give one run', async () => {
    await someCases(2);
    // Four instances: on PostgreSQL four pools; on SQLite one process's transactions take turns
    // on its one connection (a second handle in the same thread would wait on itself).
    const others = isPg(db)
      ? await Promise.all([1, 2, 3].map(() => openAnotherConnection(db)))
      : [1, 2, 3].map(() => ({ db, close: async () => undefined }));
    // Each pool has its connection open, so the starts really meet.
    for (const other of others) await latestVerification(makeCtx(other.db, fx.admin, NOW));
    try {
      const g = gate();
      g.hold();
      const starts = await Promise.all(
        [db, ...others.map((o) => o.db)].map((conn, i) =>
          startVerification(makeCtx(conn, fx.admin, NOW), {}, { pause: g.pause, holder: `i${i}` }),
        ),
      );
      const started = starts.filter((s) => !s.alreadyRunning);
      expect(started).toHaveLength(1);
      expect(new Set(starts.map((s) => s.run.id)).size).toBe(1);
      expect(await db.select().from(auditVerifications)).toHaveLength(1);
      g.release();
      expect((await started[0]!.done).status).toBe('passed');
    } finally {
      for (const other of others) await other.close();
    }
  });

  it('marks a run whose instance stopped as interrupted, and then a new run may start', async () => {
    await someCases(2);
    const g = gate();
    g.hold();
    const held = await startVerification(makeCtx(db, fx.admin, NOW), {}, { pause: g.pause });
    // Within the lease it is still running…
    const soon = new Date(NOW.getTime() + VERIFY_LEASE_MS - 1_000);
    expect(await latestVerification(makeCtx(db, fx.admin, soon))).toMatchObject({
      status: 'running',
    });
    // …a lapsed lease (the instance stopped renewing it) means interrupted.
    const later = new Date(NOW.getTime() + VERIFY_LEASE_MS + 1);
    expect(await latestVerification(makeCtx(db, fx.admin, later))).toMatchObject({
      id: held.run.id,
      status: 'interrupted',
      finishedAt: later,
    });
    // The walk that comes back finds itself interrupted and stops without overwriting it.
    g.release();
    expect((await held.done).status).toBe('interrupted');
    const next = await startVerification(makeCtx(db, fx.admin, later));
    expect(next.alreadyRunning).toBe(false);
    expect((await next.done).status).toBe('passed');
  });

  it('marks at once a run left running by a process of this machine that is gone', async () => {
    const run = await one(
      db
        .insert(auditVerifications)
        .values({ startedAt: NOW, status: 'running', total: 10, checked: 5000 })
        .returning(),
    );
    // pid 2^22 + 1 is above Linux's pid_max: no such process.
    const gone = `${os.hostname()}:4194305:abcdef`;
    await db
      .insert(jobLeases)
      .values({ name: 'audit.verify', holder: gone, expiresAt: new Date(NOW.getTime() + 60_000) });
    expect(await latestVerification(makeCtx(db, fx.admin, NOW))).toMatchObject({
      id: run.id,
      status: 'interrupted',
    });
  });

  it('is for admins only', async () => {
    for (const who of [fx.agent, fx.supervisor]) {
      expect((await captureAppError(() => startVerification(makeCtx(db, who, NOW)))).code).toBe(
        'FORBIDDEN',
      );
      expect((await captureAppError(() => latestVerification(makeCtx(db, who, NOW)))).code).toBe(
        'FORBIDDEN',
      );
    }
    expect(await db.select().from(auditVerifications)).toEqual([]);
  });
});
