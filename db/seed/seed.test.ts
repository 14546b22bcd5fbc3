import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import {
  caseEvents,
  casePauses,
  cases,
  processes,
  promises,
  qualityRatings,
  radicadoSequences,
  resultRatings,
  rootCauses,
  staffUsers,
  teams,
} from '@/db/schema';
import { CASE_STATES, CASE_TYPES, OPEN_STATES } from '@/lib/domain/enums';
import { computeLegalTerm, deadlineStatus } from '@/lib/domain/legal-term';
import { effectivePromiseStatus } from '@/lib/domain/promises';
import { parseRadicado } from '@/lib/domain/radicado';
import { SYSTEM_ACTOR } from '@/lib/server/core/actor';
import { hashEvent } from '@/lib/server/core/audit';
import { createCase } from '@/lib/server/cases/create-case';
import { getOrganization, loadCalendar, receiptRuleOf } from '@/lib/server/core/organization';
import { createTestDb } from '@/lib/server/testing/test-db';
import { seedDemo, type DemoSummary } from './demo';
import { ensureDemoData } from './index';
import { seedScale } from './scale';
import { makeCtx } from '@/lib/server/core/context';

/** Monday 23 November 2026, 10:00 in Bogotá. */
const NOW = new Date('2026-11-23T15:00:00Z');
const SEED = 7;
const SEED_TIMEOUT = 60_000;

type TestDb = ReturnType<typeof createTestDb>;

function caseFingerprint(db: Db) {
  return db
    .select({
      radicado: cases.radicado,
      typeCode: cases.typeCode,
      state: cases.state,
      channel: cases.channel,
      subject: cases.subject,
      receivedAt: cases.receivedAt,
      dueDate: cases.dueDate,
      dueAt: cases.dueAt,
      answeredAt: cases.answeredAt,
      closedAt: cases.closedAt,
      assigneeId: cases.assigneeId,
      rootCauseId: cases.rootCauseId,
    })
    .from(cases)
    .orderBy(asc(cases.id))
    .all();
}

describe('seedDemo', () => {
  let demo: TestDb;
  let summary: DemoSummary;

  beforeAll(async () => {
    demo = createTestDb();
    summary = await seedDemo(demo.db, { now: NOW, seed: SEED });
  }, SEED_TIMEOUT);
  afterAll(() => demo.cleanup());

  it('replays every planned step through the use cases without a refusal', () => {
    expect(summary.failures).toEqual([]);
  });

  it(
    'gives identical cases for the same (now, seed)',
    async () => {
      const again = createTestDb();
      try {
        await seedDemo(again.db, { now: NOW, seed: SEED });
        expect(caseFingerprint(again.db)).toEqual(caseFingerprint(demo.db));
      } finally {
        again.cleanup();
      }
    },
    SEED_TIMEOUT,
  );

  it('has 1 admin, 2 supervisors and 6 agents in 3 supervised teams', () => {
    const staff = demo.db.select().from(staffUsers).all();
    const byRole = (role: string) => staff.filter((s) => s.role === role);
    expect(byRole('admin')).toHaveLength(1);
    expect(byRole('supervisor')).toHaveLength(2);
    const agents = byRole('agent');
    expect(agents).toHaveLength(6);
    const teamRows = demo.db.select().from(teams).all();
    expect(teamRows).toHaveLength(3);
    for (const team of teamRows) {
      expect(agents.filter((a) => a.teamId === team.id)).toHaveLength(2);
      expect(byRole('supervisor').map((s) => s.id)).toContain(team.supervisorId);
    }
  });

  it('gives every open case a team, routed on its timeline (issue 14)', () => {
    const open = demo.db
      .select({ id: cases.id, teamId: cases.teamId })
      .from(cases)
      .where(inArray(cases.state, [...OPEN_STATES]))
      .all();
    expect(open.length).toBeGreaterThan(0);
    expect(open.filter((c) => c.teamId === null)).toEqual([]);
    const routed = demo.db
      .select({ caseId: caseEvents.caseId })
      .from(caseEvents)
      .where(eq(caseEvents.action, 'route'))
      .all();
    expect(routed.length).toBe(demo.db.select().from(cases).all().length);
  });

  it('has 8 originating processes, each with root causes', () => {
    const rows = demo.db
      .select({ id: processes.id, causes: sql<number>`count(${rootCauses.id})` })
      .from(processes)
      .leftJoin(rootCauses, eq(rootCauses.processId, processes.id))
      .groupBy(processes.id)
      .all();
    expect(rows).toHaveLength(8);
    for (const row of rows) expect(row.causes).toBeGreaterThanOrEqual(3);
  });

  it('files 350–450 cases across all types, all states and at least six channels', () => {
    const rows = demo.db.select().from(cases).all();
    expect(rows.length).toBeGreaterThanOrEqual(350);
    expect(rows.length).toBeLessThanOrEqual(450);
    expect(new Set(rows.map((r) => r.typeCode))).toEqual(new Set(CASE_TYPES));
    expect(new Set(rows.map((r) => r.state))).toEqual(new Set(CASE_STATES));
    expect(new Set(rows.map((r) => r.channel)).size).toBeGreaterThanOrEqual(6);
    const ninetyDaysAgo = NOW.getTime() - 91 * 86_400_000;
    for (const row of rows) {
      expect(row.receivedAt.getTime()).toBeGreaterThan(ninetyDaysAgo);
      expect(row.receivedAt.getTime()).toBeLessThan(NOW.getTime());
    }
  });

  it('has promises kept, renegotiated and broken (pending past their time)', () => {
    const rows = demo.db.select().from(promises).all();
    const effective = rows.map((p) => effectivePromiseStatus(p, NOW));
    expect(effective).toContain('kept');
    expect(effective).toContain('renegotiated');
    expect(effective).toContain('broken');
    expect(rows.some((p) => p.status === 'pending' && p.dueAt < NOW)).toBe(true);
  });

  it('delivers every first answer, by e-mail, post or the portal, so its legal result is decided', () => {
    const answered = demo.db
      .select()
      .from(cases)
      .all()
      .filter((c) => c.firstAnsweredAt !== null && c.termDays !== null);
    expect(answered.length).toBeGreaterThan(100);
    expect(answered.filter((c) => c.answerDeliveredAt === null)).toEqual([]);
    const via = new Set(answered.map((c) => c.answerDeliveredVia));
    expect([...via].sort()).toEqual(expect.arrayContaining(['email', 'postal']));
    expect(answered.filter((c) => c.answeredOnTime === false).length).toBeGreaterThan(0);
    expect(answered.filter((c) => c.answeredOnTime === true).length).toBeGreaterThan(50);
  });

  it('has open cases at risk and overdue on the deadline board', async () => {
    const cal = await loadCalendar(demo.db);
    const open = demo.db
      .select()
      .from(cases)
      .all()
      .filter((c) => OPEN_STATES.includes(c.state) && c.dueAt !== null);
    const statuses = open.map((c) => deadlineStatus(c.dueAt!, NOW, cal).status);
    expect(statuses).toContain('overdue');
    expect(statuses).toContain('at_risk');
  });

  it('rates results and process apart, with both mismatched quadrants present', () => {
    expect(demo.db.select().from(resultRatings).all().length).toBeGreaterThan(50);
    const quality = demo.db
      .select({
        source: qualityRatings.source,
        courtesy: qualityRatings.courtesy,
        answeredAt: cases.answeredAt,
        dueAt: cases.dueAt,
      })
      .from(qualityRatings)
      .innerJoin(cases, eq(cases.id, qualityRatings.caseId))
      .all();
    expect(quality.some((q) => q.source === 'supervisor')).toBe(true);
    const customer = quality.filter((q) => q.source === 'customer' && q.answeredAt && q.dueAt);
    const isLate = (q: (typeof customer)[number]) => q.answeredAt! > q.dueAt!;
    expect(customer.some((q) => isLate(q) && q.courtesy! >= 4)).toBe(true);
    expect(customer.some((q) => !isLate(q) && q.courtesy! <= 2)).toBe(true);
  });

  it('leaves more than 10 % of Facturación complainants dissatisfied, more than any other process', () => {
    const rows = demo.db
      .select({
        process: processes.name,
        rated: sql<number>`count(*)`,
        dissatisfied: sql<number>`sum(${resultRatings.answer} = 'no')`,
      })
      .from(resultRatings)
      .innerJoin(cases, eq(cases.id, resultRatings.caseId))
      .innerJoin(processes, eq(processes.id, cases.processId))
      .where(sql`${cases.typeCode} in ('Q', 'R')`)
      .groupBy(processes.name)
      .all();
    const share = new Map(rows.map((r) => [r.process, r.dissatisfied / r.rated]));
    const facturacion = share.get('Facturación') ?? 0;
    expect(facturacion).toBeGreaterThan(0.1);
    for (const [name, value] of share)
      if (name !== 'Facturación') expect(value).toBeLessThan(facturacion);
  });

  it('records the time agents spent on what they sent, beside per-type targets', () => {
    const rows = demo.db.$client
      .prepare(
        `SELECT count(*) AS sent, count(i.handle_seconds) AS timed,
           sum(i.handle_seconds > t.handle_target_minutes * 60) AS over
         FROM interactions i JOIN cases c ON c.id = i.case_id
         JOIN case_types t ON t.code = c.type_code
         WHERE i.direction = 'outbound' AND i.staff_id IS NOT NULL`,
      )
      .get() as { sent: number; timed: number; over: number };
    expect(rows.timed).toBe(rows.sent);
    expect(rows.over).toBeGreaterThan(0);
    expect(rows.over).toBeLessThan(rows.sent / 2);
    const targets = demo.db.$client
      .prepare('SELECT code, handle_target_minutes AS minutes FROM case_types ORDER BY code')
      .all() as { code: string; minutes: number }[];
    expect(new Set(targets.map((t) => t.minutes)).size).toBeGreaterThan(4);
  });

  it('ensureDemoData leaves a database with staff alone', async () => {
    expect(await ensureDemoData(demo.db, NOW)).toBeNull();
  });
});

describe('seedScale', () => {
  const N = 20_000;
  let scale: TestDb;

  beforeAll(async () => {
    scale = createTestDb();
    await seedScale(scale.db, { cases: N, now: NOW });
  }, SEED_TIMEOUT);
  afterAll(() => scale.cleanup());

  it('writes N cases with unique radicados, each with its radicación event', () => {
    const db = scale.db;
    const counts = db
      .select({
        n: sql<number>`count(*)`,
        distinct: sql<number>`count(distinct ${cases.radicado})`,
      })
      .from(cases)
      .get();
    expect(counts).toEqual({ n: N, distinct: N });
    const radicar = db
      .select({ n: sql<number>`count(distinct ${caseEvents.caseId})` })
      .from(caseEvents)
      .where(eq(caseEvents.action, 'radicar'))
      .get();
    expect(radicar?.n).toBe(N);
  });

  it('continues the radicado sequence: the next filing takes the next number', async () => {
    const db = scale.db;
    const year = 2026;
    const last = db
      .select({ lastValue: radicadoSequences.lastValue })
      .from(radicadoSequences)
      .where(and(eq(radicadoSequences.prefix, 'PQRS'), eq(radicadoSequences.year, year)))
      .get()?.lastValue;
    const highest = Math.max(
      ...db
        .select({ radicado: cases.radicado })
        .from(cases)
        .where(sql`${cases.radicado} like ${`PQRS-${year}-%`}`)
        .all()
        .map((r) => parseRadicado(r.radicado)!.seq),
    );
    expect(last).toBe(highest);
    const created = await createCase(makeCtx(db, SYSTEM_ACTOR, NOW), {
      typeCode: 'R',
      channel: 'web',
      subject: 'Cobro doble en la factura',
      description: 'En la factura de octubre me cobraron dos veces el mismo consumo.',
      customer: {
        documentType: 'CC',
        documentNumber: '99887766',
        fullName: 'Prueba Después del Volcado',
        email: 'prueba@example.co',
      },
      hasConsent: true,
    });
    expect(parseRadicado(created.radicado)).toEqual({ prefix: 'PQRS', year, seq: highest + 1 });
  });

  it('caches due dates equal to computeLegalTerm', async () => {
    const db = scale.db;
    const org = await getOrganization(db);
    const cal = await loadCalendar(db, org);
    const sample = db
      .select()
      .from(cases)
      .where(sql`${cases.id} % 97 = 0`)
      .all();
    expect(sample.length).toBeGreaterThan(100);
    for (const row of sample) {
      if (row.termDays === null) {
        expect(row.dueDate).toBeNull();
        continue;
      }
      const pauses = db
        .select({ pausedAt: casePauses.pausedAt, resumedAt: casePauses.resumedAt })
        .from(casePauses)
        .where(eq(casePauses.caseId, row.id))
        .all();
      const term = computeLegalTerm(
        {
          receivedAt: row.receivedAt,
          termDays: row.termDays,
          pauses,
          receiptRule: receiptRuleOf(org),
        },
        cal,
      );
      if (term.status === 'paused') {
        expect([row.dueDate, row.isPaused]).toEqual([null, true]);
        continue;
      }
      expect(row.dueDate).toBe(term.dueDate);
      const isEnded = ['trasladada', 'desistida', 'fusionada'].includes(row.state);
      expect(row.dueAt).toEqual(isEnded ? null : term.dueAt);
    }
  });

  it('chains its audit events as appendEvent does', () => {
    const events = scale.db
      .select()
      .from(caseEvents)
      .orderBy(asc(caseEvents.id))
      .limit(2_000)
      .all();
    let prev: string | null = null;
    for (const e of events) {
      expect(e.prevHash).toBe(prev);
      expect(e.hash).toBe(hashEvent(prev, e));
      prev = e.hash;
    }
  });
});
