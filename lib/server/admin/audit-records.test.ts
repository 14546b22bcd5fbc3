import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inTransaction, type Db } from '@/db/client';
import { appendEvent } from '@/lib/server/core/audit';
import {
  answerCase,
  captureAppError,
  fileCase,
  seedFixture,
  type Fixture,
} from '../testing/fixtures';
import { createTestDb } from '../testing/test-db';
import { auditLogCsv, auditLogSql, searchAuditLog } from './audit-log';
import { verifyAuditChain } from './audit-verify';
import { makeCtx } from '../core/context';

let db: Db;
let cleanup: () => void;
let fx: Fixture;

beforeEach(async () => {
  ({ db, cleanup } = createTestDb());
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

const eventCount = () =>
  (db.$client.prepare('SELECT count(*) AS n FROM case_events').get() as { n: number }).n;

/** Tampering as an attacker with file access would: straight SQL, past any trigger. */
function tamper(sql: string, ...params: unknown[]) {
  const triggers = db.$client
    .prepare(
      "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'case_events'",
    )
    .all() as { name: string; sql: string }[];
  const blocking = triggers.filter((t) => /BEFORE\s+(UPDATE|DELETE)/i.test(t.sql));
  for (const t of blocking) db.$client.exec(`DROP TRIGGER ${t.name}`);
  db.$client.prepare(sql).run(...params);
  for (const t of blocking) db.$client.exec(t.sql);
}

describe('verifyAuditChain', () => {
  it('reports an intact chain with its length', async () => {
    await history();
    const report = await verifyAuditChain(makeCtx(db, fx.admin));
    expect(report).toMatchObject({ intact: true, events: eventCount() });
    expect(eventCount()).toBeGreaterThanOrEqual(5);
  });

  it('reports exactly the row whose body was edited in SQLite (content hash)', async () => {
    const { b } = await history();
    const target = db.$client
      .prepare('SELECT id, hash FROM case_events WHERE case_id = ? ORDER BY id DESC LIMIT 1')
      .get(b.id) as { id: number; hash: string };
    tamper('UPDATE case_events SET body = ? WHERE id = ?', 'Texto cambiado', target.id);
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
    const rows = db.$client.prepare('SELECT id, hash FROM case_events ORDER BY id').all() as {
      id: number;
      hash: string;
    }[];
    const [prev, target] = [rows[1]!, rows[2]!];
    tamper('UPDATE case_events SET prev_hash = ? WHERE id = ?', 'f'.repeat(64), target.id);
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
    const rows = db.$client.prepare('SELECT id FROM case_events ORDER BY id').all() as {
      id: number;
    }[];
    db.$client.pragma('foreign_keys = OFF');
    tamper('DELETE FROM case_events WHERE id = ?', rows[1]!.id);
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
    expect(seen).toHaveLength(eventCount());
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

  it('uses the indexes for case, actor and action filters', async () => {
    await history();
    const plan = async (q: Parameters<typeof auditLogSql>[1]) => {
      const { sql, params } = await auditLogSql(db, q);
      return (
        db.$client.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]
      )
        .map((r) => r.detail)
        .join('\n');
    };
    expect(await plan({ radicado: (await fileCase(db)).radicado })).toMatch(/case_events_case_idx/);
    expect(await plan({ actor: fx.agent.id })).toMatch(/case_events_actor_idx/);
    expect(await plan({ action: 'radicar' })).toMatch(/case_events_action_idx/);
    // The index delivers the order: no sort of every matching event.
    expect(await plan({ actor: fx.agent.id })).not.toMatch(/TEMP B-TREE/);
    expect(await plan({ action: 'radicar', from: '2026-03-01' })).not.toMatch(/TEMP B-TREE/);
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
