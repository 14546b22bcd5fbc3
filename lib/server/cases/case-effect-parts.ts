import 'server-only';
import { first } from '@/db/rows';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Conn } from '@/db/client';
import {
  caseLinks,
  cases,
  casePauses,
  categories,
  interactions,
  processes,
  rootCauses,
  staffUsers,
} from '@/db/tables';
import { isTerminal } from '@/lib/domain/case-machine';
import { isCannedReply, renderTemplate, unfilledPlaceholders } from '@/lib/domain/templates';
import type { Actor } from '../core/actor';
import { appendEvent } from '../core/audit';
import { canAccessCase } from './case-access';
import type { CaseChanges, CaseRow } from '@/db/tables';
import { AppError, type FieldErrors } from '../core/errors';
import { activeTemplateBody, templateValuesFor } from './template-values';

/** The checks and small writes the case actions' effects share (see case-effects.ts). */

export async function activeStaff(tx: Conn, id: number) {
  const user = await first(
    tx
      .select({ id: staffUsers.id, teamId: staffUsers.teamId, isActive: staffUsers.isActive })
      .from(staffUsers)
      .where(eq(staffUsers.id, id)),
  );
  if (!user?.isActive) {
    throw new AppError('VALIDATION', 'unknown assignee', {
      fieldErrors: { assigneeId: ['invalid'] },
    });
  }
  return user;
}

export async function checkRootCause(
  tx: Conn,
  processId: number | null,
  rootCauseId: number | null,
) {
  if (processId !== null) {
    const found = tx
      .select({ id: processes.id })
      .from(processes)
      .where(eq(processes.id, processId));
    if (!(await first(found))) throw unknownOption('processId');
  }
  if (rootCauseId === null) return;
  const cause = await first(
    tx
      .select({ processId: rootCauses.processId })
      .from(rootCauses)
      .where(eq(rootCauses.id, rootCauseId)),
  );
  if (!cause || (processId !== null && cause.processId !== processId)) {
    throw new AppError('VALIDATION', 'root cause of another process', {
      fieldErrors: { rootCauseId: ['rootCauseMismatch'] },
    });
  }
}

/** An id the form offered that names nothing (a stale page, a forged request): 422 on the field. */
export function unknownOption(field: string): AppError {
  return new AppError('VALIDATION', `unknown ${field}`, { fieldErrors: { [field]: ['invalid'] } });
}

/** A category chosen on reclassification must exist. */
export async function checkCategory(tx: Conn, categoryId: number | undefined) {
  if (categoryId === undefined) return;
  const found = tx
    .select({ id: categories.id })
    .from(categories)
    .where(eq(categories.id, categoryId));
  if (!(await first(found))) throw unknownOption('categoryId');
}

/** The other case of a merge or link: it must exist and be one the actor may work on. */
export async function otherCase(tx: Conn, actor: Actor, id: number, field: string) {
  const other = await first(
    tx
      .select({
        id: cases.id,
        state: cases.state,
        radicado: cases.radicado,
        teamId: cases.teamId,
        assigneeId: cases.assigneeId,
      })
      .from(cases)
      .where(eq(cases.id, id)),
  );
  if (!other)
    throw new AppError('VALIDATION', 'unknown case', { fieldErrors: { [field]: ['invalid'] } });
  if (!canAccessCase(actor, other)) throw new AppError('FORBIDDEN', 'not your case');
  return other;
}

export async function endOpenPause(tx: Conn, caseId: number, now: Date) {
  await tx
    .update(casePauses)
    .set({ resumedAt: now })
    .where(and(eq(casePauses.caseId, caseId), isNull(casePauses.resumedAt)));
}

/** A case that ends here (transferred, withdrawn, merged) stops waiting on the petitioner too. */
export async function endCase(tx: Conn, caseId: number, now: Date): Promise<CaseChanges> {
  await endOpenPause(tx, caseId, now);
  return { closedAt: now, isPaused: false };
}

export function recordInteraction(
  tx: Conn,
  values: Omit<typeof interactions.$inferInsert, 'eventId'>,
): (eventId: number) => Promise<void> {
  return async (eventId) => {
    await tx.insert(interactions).values({ ...values, eventId });
  };
}

/** Handle time as stored (seconds); null when the agent did not say. */
export function handleSecondsOf(minutes: number | undefined): number | null {
  return minutes === undefined ? null : minutes * 60;
}

export async function staffName(tx: Conn, staffId: number | null): Promise<string> {
  if (staffId === null) return '';
  const user = await first(
    tx.select({ name: staffUsers.name }).from(staffUsers).where(eq(staffUsers.id, staffId)),
  );
  return user?.name ?? '';
}

/**
 * A reply reaches the petitioner as typed, so nothing of a template may be left in it: any `{{…}}`
 * refuses it, the personal-line slot included. With a template, the reply is canned when it is that
 * template, filled for this case, unchanged (DOMAIN.md §6). Body and template problems are reported
 * together.
 */
export async function checkReply(
  tx: Conn,
  row: CaseRow,
  staffId: number | null,
  body: string,
  templateId: number | null,
): Promise<{ isCanned: boolean }> {
  const fieldErrors: FieldErrors = {};
  const unfilled = unfilledPlaceholders(body);
  if (unfilled.length > 0) fieldErrors.body = ['unfilledPlaceholders'];
  const templateBody = templateId === null ? null : await activeTemplateBody(tx, templateId);
  if (templateId !== null && templateBody === null) {
    fieldErrors.templateId = ['templateUnavailable'];
  }
  if (Object.keys(fieldErrors).length > 0) {
    throw new AppError('VALIDATION', 'reply not ready to send', {
      fieldErrors,
      ...(unfilled.length > 0 ? { detail: { unfilledPlaceholders: unfilled } } : {}),
    });
  }
  if (templateBody === null) return { isCanned: false };
  const values = await templateValuesFor(tx, row.id, { name: await staffName(tx, staffId) });
  return { isCanned: isCannedReply(body, renderTemplate(templateBody, values)) };
}

/** What each allowed action changes besides the state. Called inside the action's transaction. */

/**
 * Merge: a duplicate ends here and counts as a repeat contact on the surviving case (which must be
 * open and within the actor's scope), told in that case's history; any repeat contact intake had
 * offered is settled by it.
 */
export async function mergeInto(
  tx: Conn,
  m: { actor: Actor; row: CaseRow; targetCaseId: number; now: Date },
) {
  const { actor, row, now } = m;
  const target = await otherCase(tx, actor, m.targetCaseId, 'targetCaseId');
  if (isTerminal(target.state)) {
    throw new AppError('VALIDATION', 'target closed', {
      fieldErrors: { targetCaseId: ['targetClosed'] },
    });
  }
  await tx
    .update(cases)
    .set({
      repeatContactCount: sql`${cases.repeatContactCount} + 1`,
      // A change like any other: a writer holding the target's old version must see a conflict.
      version: sql`${cases.version} + 1`,
      updatedAt: now,
    })
    .where(eq(cases.id, target.id));
  await appendEvent(tx, {
    caseId: target.id,
    action: 'merged_in',
    actorRole: actor.role,
    actorId: actor.id,
    visibility: 'internal',
    data: { sourceCaseId: row.id, sourceRadicado: row.radicado },
    createdAt: now,
  });
  await tx
    .insert(caseLinks)
    .values({ caseId: row.id, relatedCaseId: target.id, kind: 'duplicate', createdAt: now })
    .onConflictDoNothing();
  return {
    changes: {
      mergedIntoId: target.id,
      possibleRepeatOfId: null,
      ...(await endCase(tx, row.id, now)),
    },
    visibility: 'public' as const,
    data: { targetCaseId: target.id, targetRadicado: target.radicado },
  };
}

/** Link: two cases about related matters point at each other (one row, lower id first). */
export async function linkTo(
  tx: Conn,
  l: { actor: Actor; row: CaseRow; relatedCaseId: number; now: Date },
) {
  const other = await otherCase(tx, l.actor, l.relatedCaseId, 'relatedCaseId');
  const [a, b] = l.row.id < other.id ? [l.row.id, other.id] : [other.id, l.row.id];
  await tx
    .insert(caseLinks)
    .values({ caseId: a, relatedCaseId: b, kind: 'related', createdAt: l.now })
    .onConflictDoNothing();
  return {
    changes: {},
    visibility: 'internal' as const,
    data: { relatedCaseId: other.id, relatedRadicado: other.radicado },
  };
}
