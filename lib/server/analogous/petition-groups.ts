import 'server-only';
import { first, one } from '@/db/rows';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { cases, petitionGroups } from '@/db/tables';
import {
  AnswerGroupSchema,
  GroupPetitionsSchema,
  PetitionGroupTarget,
} from '@/lib/validation/petition-groups';
import { appendEvent } from '../core/audit';
import { withTransaction, type Ctx } from '../core/context';
import { AppError, isAppError } from '../core/errors';
import { requireRole } from '../core/guard';
import { parseInput } from '../core/parse';
import { canAccessCase } from '../cases/case-access';
import { applyCaseAction } from '../cases/apply-case-action';
import { appUrl } from '../portal/portal-access';
import { serverTranslator } from '../notices/translator';

/** States a petition can be grouped from, and answered from (taking it first when radicada). */
const GROUPABLE = ['radicada', 'en_tramite'] as const;

/** The public page of a group's answer (portal: app/(portal)/respuestas/[id]). */
export function publishedAnswerUrl(groupId: number): string {
  return `${appUrl()}/respuestas/${groupId}`;
}

/**
 * Groups more than ten analogous petitions (Ley 1755 art. 22) to answer them once. Each must be
 * one the supervisor may open, with its legal clock running (radicada or en trámite) and in no
 * other group; otherwise nothing is grouped and the refused cases are named on the field. Each
 * case's timeline tells the petitioner it was grouped, and on which matter.
 */
export async function groupAnalogousPetitions(ctx: Ctx, input: unknown): Promise<{ id: number }> {
  requireRole(ctx.actor, 'supervision');
  const { matter, caseId: ids } = parseInput(GroupPetitionsSchema, input);
  return withTransaction(ctx, async ({ db: tx, actor, now }) => {
    const rows = await tx.select().from(cases).where(inArray(cases.id, ids));
    const refused = ids.filter((id) => {
      const row = rows.find((r) => r.id === id);
      return (
        !row ||
        !canAccessCase(actor, row) ||
        row.petitionGroupId !== null ||
        row.termDays === null ||
        !(GROUPABLE as readonly string[]).includes(row.state)
      );
    });
    if (refused.length > 0) {
      throw new AppError('VALIDATION', 'not groupable', {
        fieldErrors: { caseId: ['notGroupable'] },
        detail: { caseIds: refused },
      });
    }
    const group = await one(
      tx
        .insert(petitionGroups)
        .values({ matter, createdById: actor.id!, createdAt: now })
        .returning({ id: petitionGroups.id }),
    );
    for (const row of rows) {
      await tx
        .update(cases)
        .set({ petitionGroupId: group.id, version: row.version + 1, updatedAt: now })
        .where(and(eq(cases.id, row.id), eq(cases.version, row.version)));
      await appendEvent(tx, {
        caseId: row.id,
        action: 'grouped_analogous',
        actorRole: actor.role,
        actorId: actor.id,
        visibility: 'public',
        body: matter,
        data: { groupId: group.id, count: rows.length },
        createdAt: now,
      });
    }
    return { id: group.id };
  });
}

export interface GroupAnswerOutcome {
  caseId: number;
  radicado: string;
  ok: boolean;
  /** Why this case was not answered (its state, or the refusal's message key). */
  reason?: string;
}

/**
 * Writes the group's one answer (once: it is what the portal publishes) and gives it to every case
 * of the group still open, each as that case's own answer: its notice, its delivery and its legal
 * result are the case's (answer-delivery.ts). A case waiting on its petitioner, or ended, is left
 * as it is and reported; answerPendingOfGroup answers the ones that became answerable.
 */
export async function answerPetitionGroup(
  ctx: Ctx,
  input: unknown,
): Promise<{ outcomes: GroupAnswerOutcome[] }> {
  requireRole(ctx.actor, 'supervision');
  const data = parseInput(AnswerGroupSchema, input);
  const group = await withTransaction(ctx, async ({ db: tx, actor, now }) => {
    const found = await first(
      tx.select().from(petitionGroups).where(eq(petitionGroups.id, data.groupId)),
    );
    if (!found) throw new AppError('NOT_FOUND');
    if (found.answerBody !== null) {
      throw new AppError('INVALID_TRANSITION', 'already answered', {
        detail: { guard: 'group_already_answered' },
      });
    }
    return (await first(
      tx
        .update(petitionGroups)
        .set({
          answerBody: data.body,
          decision: data.decision,
          answeredById: actor.id,
          answeredAt: now,
        })
        .where(and(eq(petitionGroups.id, found.id), isNull(petitionGroups.answerBody)))
        .returning(),
    ))!;
  });
  return giveGroupAnswer(ctx, group);
}

/**
 * Gives the group's answer, already written, to the cases of the group that became answerable
 * since (a petitioner sent what was asked of them): the published text is never rewritten.
 */
export async function answerPendingOfGroup(
  ctx: Ctx,
  input: unknown,
): Promise<{ outcomes: GroupAnswerOutcome[] }> {
  requireRole(ctx.actor, 'supervision');
  const { groupId } = parseInput(PetitionGroupTarget, input);
  const group = await first(
    ctx.db.select().from(petitionGroups).where(eq(petitionGroups.id, groupId)),
  );
  if (!group) throw new AppError('NOT_FOUND');
  if (group.answerBody === null) {
    throw new AppError('INVALID_TRANSITION', 'not answered yet', {
      detail: { guard: 'group_not_answered' },
    });
  }
  return giveGroupAnswer(ctx, group);
}

async function giveGroupAnswer(
  ctx: Ctx,
  group: typeof petitionGroups.$inferSelect,
): Promise<{ outcomes: GroupAnswerOutcome[] }> {
  const members = await membersOf(ctx, group.id);
  const outcomes: GroupAnswerOutcome[] = [];
  for (const row of members) {
    const outcome = { caseId: row.id, radicado: row.radicado };
    if (!(GROUPABLE as readonly string[]).includes(row.state)) {
      outcomes.push({
        ...outcome,
        ok: row.state === 'respondida' || row.state === 'cerrada',
        reason: row.state,
      });
      continue;
    }
    try {
      if (row.state === 'radicada') await applyCaseAction(ctx, { caseId: row.id, action: 'take' });
      const t = serverTranslator(row.locale);
      const note = t('mail.jointAnswerNote', {
        count: members.length,
        url: publishedAnswerUrl(group.id),
      });
      await applyCaseAction(ctx, {
        caseId: row.id,
        action: 'answer',
        body: `${group.answerBody}\n\n${note}`,
        decision: group.decision,
      });
      outcomes.push({ ...outcome, ok: true });
    } catch (error) {
      if (!isAppError(error)) throw error;
      outcomes.push({ ...outcome, ok: false, reason: error.message });
    }
  }
  return { outcomes };
}

async function membersOf(ctx: Ctx, groupId: number) {
  return await ctx.db
    .select()
    .from(cases)
    .where(eq(cases.petitionGroupId, groupId))
    .orderBy(asc(cases.id));
}

/** A group as its staff page shows it: the matter, the answer, and each case with its delivery. */
export async function getPetitionGroup(ctx: Ctx, input: unknown) {
  requireRole(ctx.actor, 'supervision');
  const { groupId } = parseInput(PetitionGroupTarget, input);
  const group = await first(
    ctx.db.select().from(petitionGroups).where(eq(petitionGroups.id, groupId)),
  );
  if (!group) throw new AppError('NOT_FOUND');
  const members = (await membersOf(ctx, groupId)).map((c) => ({
    id: c.id,
    radicado: c.radicado,
    typeCode: c.typeCode,
    state: c.state,
    subject: c.subject,
    dueDate: c.dueDate,
    deliveredAt: c.answerDeliveredAt,
    deliveredVia: c.answerDeliveredVia,
    answeredOnTime: c.answeredOnTime,
  }));
  return { ...group, members, publicUrl: publishedAnswerUrl(groupId) };
}
