import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashEvent, type NewEvent } from '@/lib/server/core/audit';
import { checkLink } from '@/lib/server/admin/audit-verify';
import type { InstanceJob } from '@/lib/server/testing/pg-instance';
import { startPgServer, type TestPgServer } from '@/lib/server/testing/pg-server';
import { startTestSmtp } from '@/lib/server/testing/smtp';
import { appendChained, pgAuditChain } from './audit-log';
import { claimTick, holdLease, releaseLease } from './claims';
import { closePg, openPg, type PgDb } from './client';
import { caseEvents, cases, outbox } from './schema';

const INSTANCE = path.join(process.cwd(), 'lib', 'server', 'testing', 'pg-instance.ts');
const at = new Date('2026-11-02T15:00:00Z');

interface Instance {
  child: ChildProcess;
  ready: Promise<void>;
  done: Promise<unknown>;
  claimed: Promise<number[]>;
}

/** One more app instance: its own process and pool (lib/server/testing/pg-instance.ts). */
function instance(job: InstanceJob): Instance {
  const child = fork(INSTANCE, [JSON.stringify(job)], {
    execArgv: ['--conditions=react-server', '--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let ready!: () => void;
  let claimed!: (ids: number[]) => void;
  const out = {
    ready: new Promise<void>((resolve) => (ready = resolve)),
    claimed: new Promise<number[]>((resolve) => (claimed = resolve)),
  };
  const done = new Promise<unknown>((resolve, reject) => {
    child.on('message', (m: { type: string; value?: unknown }) => {
      if (m.type === 'ready') ready();
      if (m.type === 'claimed') claimed(m.value as number[]);
      if (m.type === 'done') resolve(m.value);
    });
    child.on('exit', (code, signal) => reject(new Error(`instance exited: ${code ?? signal}`)));
  });
  done.catch(() => undefined);
  return { child, ...out, done };
}

/** Starts the instances, lets them all go at once, and resolves with what each reported. */
async function together(jobs: InstanceJob[]): Promise<unknown[]> {
  const all = jobs.map(instance);
  try {
    await Promise.all(all.map((i) => i.ready));
    for (const i of all) i.child.send('go');
    return await Promise.all(all.map((i) => i.done));
  } finally {
    for (const i of all) if (i.child.exitCode === null) i.child.kill('SIGKILL');
  }
}

describe('several instances on one PostgreSQL', () => {
  let server: TestPgServer;
  beforeAll(async () => {
    server = await startPgServer();
  }, 60_000);
  afterAll(() => server?.stop());

  async function freshDb(): Promise<{ url: string; db: PgDb }> {
    const url = await server.createDatabase();
    return { url, db: await openPg(url) };
  }

  it('numbers 4 instances × 100 concurrent filings 1 to 400, with no gap where filings rolled back', async () => {
    const { url, db } = await freshDb();
    try {
      // 110 filings each, every 11th rolled back after taking its number: 100 commit per instance.
      const reported = (await together(
        [1, 2, 3, 4].map(() => ({ kind: 'file' as const, url, count: 110, rollbackEvery: 11 })),
      )) as string[][];
      const committed = reported.flat();
      expect(reported.map((r) => r.length)).toEqual([100, 100, 100, 100]);
      const numbers = (await db.select({ radicado: cases.radicado }).from(cases))
        .map((r) => Number(r.radicado.slice(-6)))
        .sort((a, b) => a - b);
      expect(numbers).toEqual(Array.from({ length: 400 }, (_, i) => i + 1));
      expect(new Set(committed).size).toBe(400);
    } finally {
      await closePg(db);
    }
  }, 60_000);

  it('lets one of racing answers to the same case version win; the others find it changed', async () => {
    const { url, db } = await freshDb();
    const pools = await Promise.all(
      [1, 2, 3, 4, 5, 6, 7, 8].map(() => openPg(url, { migrate: false })),
    );
    try {
      const [filed] = await db
        .insert(cases)
        .values({
          radicado: 'PQRS-2026-000001',
          typeCode: 'P',
          state: 'en_tramite',
          channel: 'web',
          subject: 'Carrera',
          description: 'Dos agentes responden a la vez.',
          receivedAt: at,
          updatedAt: at,
        })
        .returning({ id: cases.id, version: cases.version });
      const outcomes = await Promise.all(
        pools.map((pool, i) =>
          pool.transaction(async (tx) => {
            const won = await tx
              .update(cases)
              .set({
                state: 'respondida',
                version: sql`${cases.version} + 1`,
                decision: i % 2 ? 'concede' : 'niega',
              })
              .where(sql`${cases.id} = ${filed!.id} AND ${cases.version} = ${filed!.version}`)
              .returning({ version: cases.version });
            return won.length;
          }),
        ),
      );
      expect(outcomes.filter((n) => n === 1)).toHaveLength(1);
      const [row] = await db
        .select({ version: cases.version })
        .from(cases)
        .where(eq(cases.id, filed!.id));
      expect(row!.version).toBe(filed!.version + 1);
    } finally {
      await Promise.all(pools.map(closePg));
      await closePg(db);
    }
  });

  it('keeps one audit chain whole while 4 instances append to it at once', async () => {
    const { url, db } = await freshDb();
    const pools = await Promise.all([1, 2, 3, 4].map(() => openPg(url, { migrate: false })));
    try {
      await Promise.all(
        pools.flatMap((pool, p) =>
          Array.from({ length: 25 }, (_, i) =>
            pool.transaction((tx) =>
              appendChained(tx, async (prevHash) => {
                const event: NewEvent = {
                  caseId: null,
                  action: 'test.append',
                  actorRole: 'system',
                  actorId: null,
                  visibility: 'internal',
                  body: `instance ${p} event ${i}`,
                  data: { p, i },
                  createdAt: new Date(at.getTime() + i),
                };
                const [row] = await tx
                  .insert(caseEvents)
                  .values({ ...event, prevHash, hash: hashEvent(prevHash, event) })
                  .returning({ id: caseEvents.id });
                return row!.id;
              }),
            ),
          ),
        ),
      );
      let previous: string | null = null;
      let events = 0;
      for await (const row of pgAuditChain(db.$client)) {
        expect(checkLink(previous, row)).toBeNull();
        previous = row.hash;
        events += 1;
      }
      expect(events).toBe(100);
    } finally {
      await Promise.all(pools.map(closePg));
      await closePg(db);
    }
  });

  it('gives each job tick to one instance, and a held lease to one holder until it lapses or is released', async () => {
    const { url, db } = await freshDb();
    const pools = await Promise.all([1, 2, 3, 4].map(() => openPg(url, { migrate: false })));
    try {
      for (let tick = 0; tick < 20; tick += 1) {
        const tickStart = new Date(at.getTime() + tick * 60_000);
        const now = new Date(tickStart.getTime() + 5);
        const wins = await Promise.all(
          pools.map((pool, i) =>
            claimTick(pool, { job: 'sla-alerts', holder: `i${i}`, now, tickStart, leaseMs: 1 }),
          ),
        );
        expect(wins.filter(Boolean)).toHaveLength(1);
      }
      const lease = { name: 'mailbox:1', now: at, leaseMs: 90_000 };
      const first = await Promise.all(
        pools.map((pool, i) => holdLease(pool, { ...lease, holder: `i${i}` })),
      );
      expect(first.filter(Boolean)).toHaveLength(1);
      const holder = `i${first.indexOf(true)}`;
      const other = holder === 'i0' ? 'i1' : 'i0';
      expect(await holdLease(db, { ...lease, holder, now: new Date(at.getTime() + 60_000) })).toBe(
        true,
      );
      expect(
        await holdLease(db, { ...lease, holder: other, now: new Date(at.getTime() + 120_000) }),
      ).toBe(false);
      expect(
        await holdLease(db, { ...lease, holder: other, now: new Date(at.getTime() + 151_000) }),
      ).toBe(true);
      await releaseLease(db, lease.name, other);
      expect(await holdLease(db, { ...lease, holder, now: new Date(at.getTime() + 152_000) })).toBe(
        true,
      );
    } finally {
      await Promise.all(pools.map(closePg));
      await closePg(db);
    }
  });

  it('delivers each outbox message once while 4 instances send, one of them killed with SIGKILL mid-claim', async () => {
    const { url, db } = await freshDb();
    const smtp = await startTestSmtp();
    try {
      await db.insert(outbox).values(
        Array.from({ length: 200 }, (_, i) => ({
          kind: 'case_filed',
          toAddress: `peticionario${i}@example.test`,
          subject: `Radicado ${i}`,
          bodyText: `Mensaje ${i}`,
          messageId: `<m${i}@ventanilla.test>`,
          nextAttemptAt: new Date(Date.now() - 1000),
        })),
      );
      const leaseMs = 1500;
      // The doomed instance claims first, then hangs holding its claim: killed like a crashed server.
      const doomed = instance({
        kind: 'send',
        url,
        smtpUrl: smtp.url,
        leaseMs,
        batch: 7,
        stall: true,
      });
      await doomed.ready;
      doomed.child.send('go');
      const stranded = await doomed.claimed;
      doomed.child.kill('SIGKILL');
      expect(stranded).toHaveLength(7);
      const sent = (await together(
        [1, 2, 3, 4].map(() => ({
          kind: 'send' as const,
          url,
          smtpUrl: smtp.url,
          leaseMs,
          batch: 5,
        })),
      )) as number[];
      expect(sent.reduce((a, b) => a + b, 0)).toBe(200);
      const ids = smtp.received.map((m) => m.messageId);
      expect(ids).toHaveLength(200);
      expect(new Set(ids).size).toBe(200);
      for (const id of stranded) expect(ids).toContain(`<m${id - 1}@ventanilla.test>`);
      const left = await db.$client.query(
        `SELECT count(*)::int AS n FROM outbox WHERE status <> 'sent'`,
      );
      expect(left.rows[0].n).toBe(0);
    } finally {
      await smtp.close();
      await closePg(db);
    }
  }, 60_000);
});
