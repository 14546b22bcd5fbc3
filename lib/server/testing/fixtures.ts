import { eq, sql } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Conn } from '@/db/client';
import { first, one } from '@/db/rows';
import { caseEvents, cases, processes, rootCauses, staffUsers, teams } from '@/db/tables';
import type { StaffRole } from '@/lib/domain/enums';
import type { CaseFilingInput } from '@/lib/validation/case-filing';
import { SYSTEM_ACTOR, type Actor } from '../core/actor';
import { applyCaseAction } from '../cases/apply-case-action';
import { hashPasswordSync } from '../auth/passwords';
import { createCase, type CreatedCase } from '../cases/create-case';
import { isAppError, type AppError } from '../core/errors';
import { makeCtx } from '@/lib/server/core/context';
import { deliverAnswer } from './deliveries';

/** Friday 2026-03-13 16:30 in Bogotá (UTC−5): a Reclamo filed now is due 2026-04-08. */
export const FILED_AT = new Date('2026-03-13T21:30:00Z');

/** Bogotá wall-clock time (UTC−5 all year, no daylight saving): `bogota('2026-03-16T10:00:00')`. */
export const bogota = (local: string) => new Date(`${local}-05:00`);

export const TEST_PASSWORD = 'correct horse battery';

export type StaffMember = Extract<Actor, { role: StaffRole }>;

export interface Fixture {
  teamId: number;
  otherTeamId: number;
  agent: StaffMember;
  otherAgent: StaffMember;
  supervisor: StaffMember;
  admin: StaffMember;
  processId: number;
  rootCauseIds: [number, number];
  otherProcessId: number;
  otherRootCauseId: number;
}

export async function insertStaff(
  db: Conn,
  values: { email: string; role: StaffRole; teamId?: number | null; isActive?: boolean },
  password = TEST_PASSWORD,
): Promise<StaffMember> {
  const row = await one(
    db
      .insert(staffUsers)
      .values({
        email: values.email,
        name: values.email.split('@')[0] ?? values.email,
        passwordHash: hashPasswordSync(password, 4),
        role: values.role,
        teamId: values.teamId ?? null,
        isActive: values.isActive ?? true,
      })
      .returning({ id: staffUsers.id }),
  );
  return { role: values.role, id: row.id, teamId: values.teamId ?? null };
}

/** Two teams, an agent in each, a supervisor and an admin, and two processes with root causes. */
export async function seedFixture(db: Conn): Promise<Fixture> {
  const idOf = async (query: PromiseLike<{ id: number }[]>) => (await one(query)).id;
  const teamId = await idOf(db.insert(teams).values({ name: 'Facturación' }).returning());
  const otherTeamId = await idOf(db.insert(teams).values({ name: 'Entregas' }).returning());
  const processId = await idOf(db.insert(processes).values({ name: 'Facturación' }).returning());
  const otherProcessId = await idOf(db.insert(processes).values({ name: 'Entregas' }).returning());
  const cause = (pid: number, name: string) =>
    idOf(db.insert(rootCauses).values({ processId: pid, name }).returning());
  return {
    teamId,
    otherTeamId,
    agent: await insertStaff(db, { email: 'agente@example.co', role: 'agent', teamId }),
    otherAgent: await insertStaff(db, {
      email: 'otra@example.co',
      role: 'agent',
      teamId: otherTeamId,
    }),
    supervisor: await insertStaff(db, {
      email: 'supervisora@example.co',
      role: 'supervisor',
      teamId,
    }),
    admin: await insertStaff(db, { email: 'admin@example.co', role: 'admin' }),
    processId,
    rootCauseIds: [await cause(processId, 'Cobro doble'), await cause(processId, 'Tarifa errada')],
    otherProcessId,
    otherRootCauseId: await cause(otherProcessId, 'Retraso'),
  };
}

/** A complete identified web filing (a Reclamo) that passes validation. */
export function validFiling(overrides: Partial<CaseFilingInput> = {}): CaseFilingInput {
  return {
    typeCode: 'R',
    channel: 'web',
    subject: 'Cobro doble en la factura',
    description: 'En la factura de febrero me cobraron dos veces el mismo servicio.',
    customer: {
      documentType: 'CC',
      documentNumber: '1020304050',
      fullName: 'Ana María Pérez',
      email: 'ana@example.co',
    },
    hasConsent: true,
    ...overrides,
  };
}

export async function fileCase(
  db: Conn,
  overrides: Partial<CaseFilingInput> = {},
  now: Date = FILED_AT,
  actor: Actor = SYSTEM_ACTOR,
): Promise<CreatedCase> {
  return await createCase(makeCtx(db, actor, now), validFiling(overrides));
}

export async function countRows(db: Conn, table: SQLiteTable): Promise<number> {
  return (await first(db.select({ n: sql<number>`count(*)` }).from(table)))?.n ?? 0;
}

export async function caseRow(db: Conn, id: number) {
  const row = await first(db.select().from(cases).where(eq(cases.id, id)));
  if (!row) throw new Error(`case ${id} not found`);
  return row;
}

export async function eventsOf(db: Conn, caseId: number) {
  return await db
    .select()
    .from(caseEvents)
    .where(eq(caseEvents.caseId, caseId))
    .orderBy(caseEvents.id);
}

/** Runs `fn` (sync or async) expecting an AppError and returns it, to assert code and field keys. */
export async function captureAppError(fn: () => unknown): Promise<AppError> {
  try {
    await fn();
  } catch (error) {
    if (isAppError(error)) return error;
    throw error;
  }
  throw new Error('expected an AppError, but the call succeeded');
}

/** The petitioner holding access to one case (after the look-up or the emailed link). */
export function customerActor(caseId: number): Extract<Actor, { role: 'customer' }> {
  return { role: 'customer', id: null, caseId };
}

/**
 * Takes and answers a case through the state machine, as an agent would: it ends 'respondida', its
 * answer delivered at once (deliveries.ts) unless `delivered` is false.
 */
export async function answerCase(
  db: Conn,
  caseId: number,
  agent: StaffMember,
  now: Date,
  options: { delivered?: boolean } = {},
): Promise<void> {
  await applyCaseAction(makeCtx(db, agent, now), { caseId, action: 'take' });
  await applyCaseAction(makeCtx(db, agent, now), {
    caseId,
    action: 'answer',
    body: 'Se reintegró el cobro doble.',
    decision: 'concede',
  });
  if (options.delivered !== false) await deliverAnswer(db, caseId, now);
}
