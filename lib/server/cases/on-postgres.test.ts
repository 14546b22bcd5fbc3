import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Conn } from '@/db/client';
import { pgAuditChain } from '@/db/pg/audit-log';
import { closePg, type PgDb } from '@/db/pg/client';
import { openConfiguredPg } from '@/db/pg/connect';
import { cases, outbox, staffUsers, teams } from '@/db/tables';
import { startPgServer, type TestPgServer } from '@/lib/server/testing/pg-server';
import { checkLink } from '../admin/audit-verify';
import type { StaffRole } from '@/lib/domain/enums';
import { SYSTEM_ACTOR, type Actor } from '../core/actor';
import { makeCtx } from '../core/context';
import { FILED_AT, validFiling } from '../testing/fixtures';
import { applyCaseAction } from './apply-case-action';
import { createCase } from './create-case';
import { getCaseWithTimeline } from './get-case';
import { getStaffCasePage } from './staff-case';

// The tables are PostgreSQL's in this file: db/tables.ts reads DATABASE_URL as it loads, and the
// database the verbs get is a real PostgreSQL (the URL here only chooses the engine).
vi.hoisted(() => {
  process.env.DATABASE_URL = 'postgres://ventanilla@localhost:5432/engine-chosen-at-load';
});

/**
 * The first use cases on PostgreSQL through the same verbs SQLite runs (issue 18,
 * docs/postgres.md): a filing, an agent taking and answering it, both case pages, and the audit
 * chain they leave; filings side by side on the pool keep radicados gap-free and the chain whole.
 */
describe('filing and answering a case on PostgreSQL', () => {
  let server: TestPgServer;
  let pg: PgDb;
  let db: Conn;
  let agent: Extract<Actor, { role: StaffRole }>;
  beforeAll(async () => {
    server = await startPgServer();
    pg = await openConfiguredPg(await server.createDatabase());
    db = pg as unknown as Conn;
    const [team] = await db.insert(teams).values({ name: 'Facturación' }).returning();
    const [user] = await db
      .insert(staffUsers)
      .values({
        email: 'agente@entidad.gov.co',
        name: 'Agente',
        passwordHash: 'x',
        role: 'agent',
        teamId: team!.id,
      })
      .returning();
    agent = { role: 'agent', id: user!.id, teamId: team!.id };
  }, 60_000);
  afterAll(async () => {
    if (pg) await closePg(pg);
    server?.stop();
  });

  async function chainBreaks(): Promise<number> {
    let previous: string | null = null;
    let breaks = 0;
    let events = 0;
    for await (const row of pgAuditChain(pg.$client)) {
      if (checkLink(previous, row)) breaks += 1;
      previous = row.hash;
      events += 1;
    }
    expect(events).toBeGreaterThan(0);
    return breaks;
  }

  it('files a case, an agent takes and answers it, and both pages tell the story', async () => {
    const filed = await createCase(
      makeCtx(db, SYSTEM_ACTOR, FILED_AT),
      validFiling({ teamId: agent.teamId } as never),
    );
    expect(filed.radicado).toBe('PQRS-2026-000001');
    await db.update(cases).set({ teamId: agent.teamId }).where(eq(cases.id, filed.id));

    const later = new Date(FILED_AT.getTime() + 3_600_000);
    const ctx = makeCtx(db, agent, later);
    const taken = await applyCaseAction(ctx, { caseId: filed.id, action: 'take' });
    expect(taken).toMatchObject({ from: 'radicada', to: 'en_tramite', version: 2 });
    const answered = await applyCaseAction(ctx, {
      caseId: filed.id,
      action: 'answer',
      body: 'Se reintegró el cobro doble.',
      decision: 'concede',
    });
    expect(answered).toMatchObject({ from: 'en_tramite', to: 'respondida', version: 3 });

    const [row] = await db.select().from(cases).where(eq(cases.id, filed.id));
    expect(row).toMatchObject({ state: 'respondida', assigneeId: agent.id, version: 3 });
    const mail = await db.select({ kind: outbox.kind }).from(outbox).orderBy(asc(outbox.id));
    expect(mail.map((m) => m.kind)).toContain('answer');

    const publicView = await getCaseWithTimeline(makeCtx(db, SYSTEM_ACTOR, later), {
      radicado: filed.radicado,
    });
    expect(publicView.state).toBe('respondida');
    const staffActor = { ...agent, name: 'Agente', email: 'agente@entidad.gov.co', teamName: null };
    const staffPage = await getStaffCasePage(makeCtx(db, staffActor, later), {
      radicado: filed.radicado,
    });
    expect(staffPage.view).toMatchObject({ radicado: filed.radicado, state: 'respondida' });
    expect(await chainBreaks()).toBe(0);
  });

  it('keeps radicados gap-free and the audit chain whole with 12 filings, 12 takes and 12 notes at once', async () => {
    const filed = await Promise.all(
      Array.from({ length: 12 }, () =>
        createCase(makeCtx(db, SYSTEM_ACTOR, FILED_AT), validFiling()),
      ),
    );
    const numbers = filed.map((f) => Number(f.radicado.slice(-6))).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 12 }, (_, i) => i + 2));
    await db.update(cases).set({ teamId: agent.teamId });
    const later = new Date(FILED_AT.getTime() + 3_600_000);
    const taken = await Promise.all(
      filed.map((f) =>
        applyCaseAction(makeCtx(db, agent, later), { caseId: f.id, action: 'take' }),
      ),
    );
    expect(taken.map((t) => t.to)).toEqual(Array(12).fill('en_tramite'));
    // Notes on 12 cases at once change no queue (no shared count row): only the chain's lock
    // orders their events.
    const noted = await Promise.all(
      filed.map((f) =>
        applyCaseAction(makeCtx(db, agent, later), { caseId: f.id, action: 'note', body: 'Nota' }),
      ),
    );
    expect(noted.map((n) => n.to)).toEqual(Array(12).fill('en_tramite'));
    expect(await chainBreaks()).toBe(0);
  });
});
