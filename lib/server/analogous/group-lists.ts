import 'server-only';
import { first } from '@/db/rows';
import { and, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { cases, petitionGroups } from '@/db/tables';
import { PetitionGroupTarget } from '@/lib/validation/petition-groups';
import { canAccessCase } from '../cases/case-access';
import { searchCases } from '../cases/search-cases';
import type { Ctx } from '../core/context';
import { AppError } from '../core/errors';
import { requireRole } from '../core/guard';
import { parseInput } from '../core/parse';

/** Spelled out: drizzle would write the outer column unqualified, and `id` would bind to `c`. */
const memberCount = sql<number>`(SELECT count(*) FROM cases c WHERE c.petition_group_id = petition_groups.id)`;

/** The groups of analogous petitions, newest first, with how many cases each holds. */
export async function listPetitionGroups(ctx: Ctx) {
  requireRole(ctx.actor, 'supervision');
  return await ctx.db
    .select({
      id: petitionGroups.id,
      matter: petitionGroups.matter,
      createdAt: petitionGroups.createdAt,
      answeredAt: petitionGroups.answeredAt,
      count: memberCount,
    })
    .from(petitionGroups)
    .orderBy(desc(petitionGroups.id))
    .limit(200);
}

/**
 * The open petitions a staff search finds (same words, same scope as /casos/buscar) that could be
 * grouped: legal clock running, with a term, in no group yet. At most 50, the search's page.
 */
export async function analogousCandidates(ctx: Ctx, input: { q: string }) {
  requireRole(ctx.actor, 'supervision');
  const found = await searchCases(ctx, { q: input.q, page: 1, pageSize: 50 });
  const ids = found.rows.map((r) => r.id);
  if (ids.length === 0) return [];
  const rows = await ctx.db.select().from(cases).where(inArray(cases.id, ids));
  return rows
    .filter(
      (r) =>
        (r.state === 'radicada' || r.state === 'en_tramite') &&
        r.termDays !== null &&
        r.petitionGroupId === null &&
        canAccessCase(ctx.actor, r),
    )
    .map((r) => ({
      id: r.id,
      radicado: r.radicado,
      typeCode: r.typeCode,
      state: r.state,
      subject: r.subject,
      dueDate: r.dueDate,
    }));
}

/**
 * The joint answers published on the portal (Ley 1755 art. 22: "la pondrá en su página web"):
 * matter, answer and date, never who asked. Anyone may read them.
 */
export async function publishedAnswers(ctx: Ctx) {
  return await ctx.db
    .select({
      id: petitionGroups.id,
      matter: petitionGroups.matter,
      answeredAt: petitionGroups.answeredAt,
      count: memberCount,
    })
    .from(petitionGroups)
    .where(isNotNull(petitionGroups.answeredAt))
    .orderBy(desc(petitionGroups.answeredAt))
    .limit(100);
}

export async function publishedAnswer(ctx: Ctx, input: unknown) {
  const { groupId } = parseInput(PetitionGroupTarget, input);
  const row = await first(
    ctx.db
      .select({
        id: petitionGroups.id,
        matter: petitionGroups.matter,
        body: petitionGroups.answerBody,
        answeredAt: petitionGroups.answeredAt,
        count: memberCount,
      })
      .from(petitionGroups)
      .where(and(eq(petitionGroups.id, groupId), isNotNull(petitionGroups.answeredAt))),
  );
  if (!row?.body || !row.answeredAt) throw new AppError('NOT_FOUND');
  return { ...row, body: row.body, answeredAt: row.answeredAt };
}
