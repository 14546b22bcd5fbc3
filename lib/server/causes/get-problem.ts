import 'server-only';
import { first } from '@/db/rows';
import { asc, count, desc, eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Conn } from '@/db/client';
import { cases, problemCases, problems, processes, rootCauses, staffUsers } from '@/db/tables';
import type { ProblemStatus } from '@/lib/domain/enums';
import { ProblemRefSchema } from '@/lib/validation/problem';
import type { Ctx } from '../core/context';
import { AppError } from '../core/errors';
import { requireRole } from '../core/guard';
import { parseInput } from '../core/parse';
import { problemEffect } from './problem-effect';

const owner = alias(staffUsers, 'owner');

const SUMMARY = {
  id: problems.id,
  title: problems.title,
  status: problems.status,
  processId: problems.processId,
  processName: processes.name,
  rootCauseId: problems.rootCauseId,
  rootCauseName: rootCauses.name,
  ownerId: problems.ownerId,
  ownerName: owner.name,
  createdAt: problems.createdAt,
  resolvedAt: problems.resolvedAt,
};

/** Grouped by the joined names too: PostgreSQL groups only what depends on problems.id. */
function summaries(db: Conn) {
  return db
    .select({ ...SUMMARY, linkedCases: count(problemCases.caseId) })
    .from(problems)
    .leftJoin(processes, eq(processes.id, problems.processId))
    .leftJoin(rootCauses, eq(rootCauses.id, problems.rootCauseId))
    .leftJoin(owner, eq(owner.id, problems.ownerId))
    .leftJoin(problemCases, eq(problemCases.problemId, problems.id))
    .groupBy(problems.id, processes.name, rootCauses.name, owner.name)
    .$dynamic();
}

export type ProblemSummary = Awaited<ReturnType<typeof listProblems>>[number];

/** Problems, newest first, optionally of some statuses, each with its linked-case count. */
export async function listProblems(ctx: Ctx, input: { statuses?: readonly ProblemStatus[] } = {}) {
  requireRole(ctx.actor, 'supervision');
  const query = summaries(ctx.db);
  if (input.statuses?.length) query.where(inArray(problems.status, [...input.statuses]));
  return await query.orderBy(desc(problems.createdAt), desc(problems.id));
}

export const LINKED_CASES_SHOWN = 100;

/**
 * One problem (`{ problemId }`) with its texts, the cases linked (newest link first) and the
 * effect of the fix as of `ctx.now`.
 */
export async function getProblem(ctx: Ctx, input: unknown) {
  requireRole(ctx.actor, 'supervision');
  const { problemId } = parseInput(ProblemRefSchema, input);
  const { db, now } = ctx;
  const row = await first(db.select().from(problems).where(eq(problems.id, problemId)));
  if (!row) throw new AppError('NOT_FOUND', 'problem not found');
  const summary = (await first(summaries(db).where(eq(problems.id, problemId))))!;
  const linked = await db
    .select({
      id: cases.id,
      radicado: cases.radicado,
      typeCode: cases.typeCode,
      state: cases.state,
      subject: cases.subject,
      receivedAt: cases.receivedAt,
      linkedAt: problemCases.createdAt,
    })
    .from(problemCases)
    .innerJoin(cases, eq(cases.id, problemCases.caseId))
    .where(eq(problemCases.problemId, problemId))
    .orderBy(desc(problemCases.createdAt), desc(cases.id))
    .limit(LINKED_CASES_SHOWN);
  return {
    ...summary,
    description: row.description,
    correctiveAction: row.correctiveAction,
    linked,
    effect: await problemEffect(db, row, now),
  };
}

/** The problems a case is linked to, `{ caseId }` (shown on the case page to every staff member). */
export async function problemsOfCase(ctx: Ctx, input: { caseId: number }) {
  requireRole(ctx.actor, 'staff');
  const { caseId } = input;
  return await ctx.db
    .select({ id: problems.id, title: problems.title, status: problems.status })
    .from(problemCases)
    .innerJoin(problems, eq(problems.id, problemCases.problemId))
    .where(eq(problemCases.caseId, caseId))
    .orderBy(asc(problems.id));
}
