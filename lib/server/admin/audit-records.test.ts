import { desc, eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { inTransaction, type Conn } from '@/db/client';
import { one } from '@/db/rows';
import { caseEvents } from '@/db/tables';
import { appendEvent } from '@/lib/server/core/audit';
import { tamper } from '../testing/engine-sql';
import {
  answerCase,
  captureAppError,
  countRows,
  fileCase,
  seedFixture,
  type Fixture,
} from '../testing/fixtures';
import { openTestDb } from '../testing/test-db';
import { auditFilterOptions, auditLogCsv, searchAuditLog } from './audit-log';
import { verifyAuditChain } from './audit-verify';
import { makeCtx } from '../core/context';

// PostgreSQL streams the CSV in the history's keyset pages (1,000 rows); pages of 4 here make a
// small history cross several, each starting after the last row of the one before.
vi.mock('@/db/pg/export-streams', async (importOriginal) => {
  const real = await importOriginal<typeof import('@/db/pg/export-streams')>();
  return {
    ...real,
    keysetRows: <R>(readPage: Parameters<typeof real.keysetRows<R>>[0]) =>
      real.keysetRows(readPage, 4),
  };
});

let db: Conn;
let cleanup: () => Promise<void>;
let fx: Fixture;

beforeEach(async () => {
  ({ db, cleanup } = await openTestDb());
  fx = await seedFixture(db);
});
afterEach(() => cleanup());

const MARCH = new Date('2026-03-10T15:00:00Z');
const APRIL = new Date('2026-04-14T15:00:00Z');

/** Three cases, one answered by the agent, and an admin event without a case. */
async function history() {
  const a = await fileCase(db, {}, MARCH);
  const b = await fileCase(db, { subject: 'Entrega tardía' }, APRIL);
  await answerCase(db, b.id, fx.agent, new Date('2026-04-15T15:00:00Z'));
  await inTransaction(
    db,
    async (tx) =>
      await appendEvent(tx, {
        caseId: null,
        action: 'customer_exported',
        actorRole: 'admin',
        actorId: fx.admin.id,
        visibility: 'internal',
        data: { customerId: 1 },
        createdAt: new Date('2026-04-20T15:00:00Z'),
      }),
  );
  return { a, b };
}

const eventCount = () => countRows(db, caseEvents);

/** The chain's events in id order. */
const chainRows = () =>
  db.select({ id: caseEvents.id, hash: caseEvents.hash }).from(caseEvents).orderBy(caseEvents.id);

describe('verifyAuditChain', () => {
  it('reports an intact chain with its length', async () => {
    await history();
    const report = await verifyAuditChain(makeCtx(db, fx.admin));
    expect(report).toMatchObject({ intact: true, events: await eventCount() });
    expect(await eventCount()).toBeGreaterThanOrEqual(5);
  });

  it('reports exactly the row whose body was edited in the database (content hash)', async () => {
    const { b } = await history();
    const target = await one(
      db
        .select({ id: caseEvents.id, hash: caseEvents.hash })
        .from(caseEvents)
        .where(eq(caseEvents.caseId, b.id))
        .orderBy(desc(caseEvents.id))
        .limit(1),
    );
    await tamper(
      db,
      sql`UPDATE case_events SET body = ${'Texto cambiado'} WHERE id = ${target.id}`,
    );
    const report = await verifyAuditChain(makeCtx(db, fx.admin));
    expect(report).toMatchObject({
      intact: false,
      eventId: target.id,
      kind: 'content',
      found: target.hash,
    });
    if (!report.intact) expect(report.expected).not.toBe(target.hash);
  });

  it('reports a row whose prev_hash no longer links to the previous row', async () => {
    await history();
    const rows = await chainRows();
    const [prev, target] = [rows[1]!, rows[2]!];
    await tamper(
      db,
      sql`UPDATE case_events SET prev_hash = ${'f'.repeat(64)} WHERE id = ${target.id}`,
    );
    expect(await verifyAuditChain(makeCtx(db, fx.admin))).toMatchObject({
      intact: false,
      eventId: target.id,
      kind: 'prev_hash',
      expected: prev.hash,
      found: 'f'.repeat(64),
    });
  });

  it('catches a deleted row at the row after it', async () => {
    await history();
    const rows = await chainRows();
    await tamper(db, sql`DELETE FROM case_events WHERE id = ${rows[1]!.id}`);
    expect(await verifyAuditChain(makeCtx(db, fx.admin))).toMatchObject({
      intact: false,
      eventId: rows[2]!.id,
      kind: 'prev_hash',
    });
  });
});

describe('searchAuditLog', () => {
  it('filters by case, actor, action and date, newest first, with keyset paging', async () => {
    const { a, b } = await history();
    const all = await searchAuditLog(makeCtx(db, fx.admin), {});
    expect(all.rows.map((r) => r.id)).toEqual([...all.rows.map((r) => r.id)].sort((x, y) => y - x));
    expect(all.rows[0]).toMatchObject({
      action: 'customer_exported',
      actorName: expect.any(String),
    });

    const byCase = await searchAuditLog(makeCtx(db, fx.admin), {
      radicado: a.radicado.toLowerCase(),
    });
    expect(byCase.rows.length).toBeGreaterThan(0);
    expect(byCase.rows.every((r) => r.radicado === a.radicado)).toBe(true);

    const byActor = await searchAuditLog(makeCtx(db, fx.admin), { actor: String(fx.agent.id) });
    expect(byActor.rows.length).toBeGreaterThan(0);
    expect(byActor.rows.every((r) => r.actorId === fx.agent.id && r.radicado === b.radicado)).toBe(
      true,
    );

    const byAction = await searchAuditLog(makeCtx(db, fx.admin), { action: 'radicar' });
    expect(byAction.rows.map((r) => r.radicado).sort()).toEqual([a.radicado, b.radicado].sort());

    const march = await searchAuditLog(makeCtx(db, fx.admin), {
      from: '2026-03-01',
      to: '2026-03-31',
    });
    expect(march.rows.every((r) => r.radicado === a.radicado)).toBe(true);
    expect(march.rows.length).toBeGreaterThan(0);

    expect(await searchAuditLog(makeCtx(db, fx.admin), { radicado: 'NO-EXISTE' })).toMatchObject({
      rows: [],
      unknownRadicado: true,
    });
    expect(
      (
        await captureAppError(() =>
          searchAuditLog(makeCtx(db, fx.admin), { from: '2026-04-02', to: '2026-04-01' }),
        )
      ).code,
    ).toBe('VALIDATION');
  });

  it('offers every staff member by name and every action recorded, in code-point order', async () => {
    await history();
    const options = await auditFilterOptions(makeCtx(db, fx.admin));
    expect(options.staff.map((s) => s.id).sort((a, b) => a - b)).toEqual(
      [fx.agent.id, fx.otherAgent.id, fx.supervisor.id, fx.admin.id].sort((a, b) => a - b),
    );
    expect(options.staff).toContainEqual({
      id: fx.admin.id,
      name: expect.any(String),
      role: 'admin',
    });
    const names = options.staff.map((s) => s.name);
    expect(names).toEqual([...names].sort());
    expect(options.actions).toEqual([...new Set(options.actions)].sort());
    expect(options.actions).toEqual(expect.arrayContaining(['customer_exported', 'radicar']));
  });

  it('pages with `before` until the last page', async () => {
    for (let i = 0; i < 30; i += 1) await fileCase(db, {}, MARCH);
    const seen: number[] = [];
    let before: number | undefined;
    for (;;) {
      const page = await searchAuditLog(
        makeCtx(db, fx.admin),
        before ? { before: String(before) } : {},
      );
      seen.push(...page.rows.map((r) => r.id));
      if (page.nextBefore === null) break;
      before = page.nextBefore;
    }
    expect(seen).toHaveLength(await eventCount());
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('pages an action filter newest first by time, even when ids are not in time order', async () => {
    for (let i = 0; i < 60; i += 1) await fileCase(db, {}, new Date(MARCH.getTime() - i * 60_000));
    const seen: { id: number; at: number }[] = [];
    let before: number | undefined;
    for (;;) {
      const q = { action: 'radicar', ...(before ? { before: String(before) } : {}) };
      const page = await searchAuditLog(makeCtx(db, fx.admin), q);
      seen.push(...page.rows.map((r) => ({ id: r.id, at: r.createdAt.getTime() })));
      if (page.nextBefore === null) break;
      before = page.nextBefore;
    }
    expect(seen).toHaveLength(60);
    expect(seen.map((r) => r.at)).toEqual([...seen.map((r) => r.at)].sort((x, y) => y - x));
  });

  it('exports the filtered list as CSV', async () => {
    const { a } = await history();
    const res = await auditLogCsv(
      makeCtx(db, fx.admin),
      { radicado: a.radicado },
      {
        header: [
          'id',
          'when',
          'action',
          'role',
          'actorId',
          'actor',
          'radicado',
          'visibility',
          'from',
          'to',
          'body',
        ],
        // The route passes the reader's labels (audit-labels.ts); here, visible markers.
        label: (column, code) => `<${column}:${code}>`,
        timeZone: 'America/Bogota',
      },
    );
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toContain('attachment');
    const text = await res.text();
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toContain('radicado');
    expect(lines.length - 1).toBe(
      (await searchAuditLog(makeCtx(db, fx.admin), { radicado: a.radicado })).rows.length,
    );
    expect(lines.slice(1).every((l) => l.includes(a.radicado))).toBe(true);
    // Local time in the organisation's zone, and every code through its label.
    expect(text).toContain('2026-03-10 10:00');
    expect(text).toContain('<action:radicar>');
    expect(text).not.toMatch(/,radicar,/);
  });

  it('exports every page of the history in the list’s order, by id and by time', async () => {
    await history();
    for (let i = 0; i < 9; i += 1) await fileCase(db, {}, new Date(MARCH.getTime() - i * 60_000));
    const csvIds = async (input: Record<string, string>) => {
      const res = await auditLogCsv(makeCtx(db, fx.admin), input, {
        header: ['id'],
        label: (_column, code) => code,
        timeZone: 'America/Bogota',
      });
      return (await res.text())
        .trim()
        .split('\r\n')
        .slice(1)
        .map((line) => Number(line.split(',')[0]));
    };
    const listedIds = async (input: Record<string, string>) => {
      const ids: number[] = [];
      for (let before: number | null | undefined; before !== null;) {
        const page = await searchAuditLog(makeCtx(db, fx.admin), {
          ...input,
          ...(before ? { before: String(before) } : {}),
        });
        ids.push(...page.rows.map((r) => r.id));
        before = page.nextBefore;
      }
      return ids;
    };
    const all = await csvIds({});
    expect(all).toHaveLength(await eventCount());
    expect(all).toEqual(await listedIds({}));
    // Filed backwards in time: newest first by time is not by id.
    const filings = await csvIds({ action: 'radicar' });
    expect(filings).toHaveLength(11);
    expect(filings).toEqual(await listedIds({ action: 'radicar' }));
    expect(filings).not.toEqual([...filings].sort((x, y) => y - x));
  });

  it('is for admins only: agents and supervisors get FORBIDDEN', async () => {
    for (const who of [fx.agent, fx.supervisor]) {
      expect((await captureAppError(() => searchAuditLog(makeCtx(db, who), {}))).code).toBe(
        'FORBIDDEN',
      );
      expect((await captureAppError(() => verifyAuditChain(makeCtx(db, who)))).code).toBe(
        'FORBIDDEN',
      );
      expect(
        (
          await captureAppError(() =>
            auditLogCsv(
              makeCtx(db, who),
              {},
              { header: [], label: (_c, code) => code, timeZone: 'America/Bogota' },
            ),
          )
        ).code,
      ).toBe('FORBIDDEN');
    }
  });
});
