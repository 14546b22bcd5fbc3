import 'server-only';
import { jsonText } from '@/db/dialect';
import { changesOf, first } from '@/db/rows';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Conn } from '@/db/client';
import { caseEvents, casePauses, cases } from '@/db/tables';
import { countBusinessDays, toLocalDate } from '@/lib/domain/calendar';
import {
  decideTransition,
  type ActionContext,
  type CaseSnapshot,
  type TransitionDecision,
} from '@/lib/domain/case-machine';
import type { CaseState } from '@/lib/domain/enums';
import { checkExtension, computeLegalTerm, extensionCap } from '@/lib/domain/legal-term';
import { isWaitingPeriodOver } from '@/lib/domain/waiting-period';
import { regimeRules } from '@/lib/domain/regimes';
import {
  CaseActionSchema,
  CaseTargetSchema,
  type CaseActionRequest,
} from '@/lib/validation/case-action';
import { isStaff, type Actor } from '../core/actor';
import { appendEvent } from '../core/audit';
import { canAccessCase } from './case-access';
import { applyEffects, type CaseRow } from './case-effects';
import { extensionLimitInForce, termInputOf } from './case-terms';
import type { CaseExtras } from './create-case';
import { withTransaction, type Ctx } from '../core/context';
import { AppError } from '../core/errors';
import { noticeForAction } from '../notices/case-notices';
import { alertForAction } from '../notices/staff-alerts';
import {
  getOrganization,
  loadCalendar,
  receiptRuleOf,
  type Organization,
} from '../core/organization';
import { parseInput } from '../core/parse';
import { preparedQuery } from '../core/prepared';
import { prepareAnswerLetter } from '../letters/prepare-answer-letter';
import { recordAttachments, type StoredUpload } from './uploads';

export interface AppliedAction {
  caseId: number;
  radicado: string;
  action: CaseActionRequest['action'];
  from: CaseState;
  to: CaseState;
  version: number;
  eventId: number;
  /** The submission had been applied already: nothing was written this time. */
  replayed?: boolean;
}

/** The event an earlier arrival of the same submission wrote on this case, if any. */
async function priorSubmission(tx: Conn, caseId: number, submissionId: string) {
  return await first(
    tx
      .select({
        id: caseEvents.id,
        action: caseEvents.action,
        from: caseEvents.fromState,
        to: caseEvents.toState,
      })
      .from(caseEvents)
      .where(
        and(
          eq(caseEvents.caseId, caseId),
          eq(jsonText(caseEvents.data, 'submissionId'), submissionId),
        ),
      ),
  );
}

/** Guards that are about the value the user typed are reported on that field (422). */
const FIELD_GUARDS: Readonly<Record<string, string>> = {
  beyond_cap: 'newDueDate',
  not_later: 'newDueDate',
  not_business_day: 'newDueDate',
  merge_into_self: 'targetCaseId',
  link_to_self: 'relatedCaseId',
};

function refuse(decision: Extract<TransitionDecision, { ok: false }>): never {
  switch (decision.reason) {
    case 'ROLE':
      throw new AppError('FORBIDDEN', 'role may not take this action');
    case 'STATE':
      throw new AppError('INVALID_TRANSITION', 'not allowed in the current state');
    case 'MISSING_FIELDS':
      throw new AppError('VALIDATION', 'missing fields', {
        fieldErrors: Object.fromEntries((decision.fields ?? []).map((f) => [f, ['required']])),
      });
    case 'GUARD': {
      const guard = decision.guard ?? 'refused';
      const field = FIELD_GUARDS[guard];
      if (field) {
        throw new AppError('VALIDATION', guard, { fieldErrors: { [field]: [guard] } });
      }
      throw new AppError('INVALID_TRANSITION', guard, { detail: { guard } });
    }
  }
}

/** The case as the state machine sees it. */
export function snapshotOf(row: CaseRow): CaseSnapshot {
  return {
    id: row.id,
    state: row.state,
    type: row.typeCode,
    assigneeId: row.assigneeId,
    processId: row.processId,
    rootCauseId: row.rootCauseId,
    hasExtension: row.extendedDueDate !== null,
    isAcceptedBySilence: row.silenceAcceptedAt !== null,
  };
}

/** The case's open information request (art. 17), if any, and whether more time was asked. */
export const openPauseOf = preparedQuery((db) =>
  db
    .select({ pausedAt: casePauses.pausedAt, moreTimeAt: casePauses.moreTimeAt })
    .from(casePauses)
    .where(and(eq(casePauses.caseId, sql.placeholder('caseId')), isNull(casePauses.resumedAt)))
    .prepare(),
);

export async function buildContext(
  tx: Conn,
  row: CaseRow,
  request: Pick<CaseActionRequest, 'action'> & { newDueDate?: string },
  actor: Actor,
  org: Organization,
  now: Date,
): Promise<ActionContext> {
  const cal = await loadCalendar(tx, org);
  const today = toLocalDate(now, org.timeZone);
  let extensionRefusal: string | null = null;
  if (request.action === 'extend' && request.newDueDate) {
    const input = await termInputOf(tx, row, receiptRuleOf(org), cal);
    if (input) {
      const check = checkExtension(
        {
          now,
          term: computeLegalTerm(input, cal),
          cap: extensionCap(
            input,
            cal,
            await extensionLimitInForce(tx, row.typeCode, row.receivedAt, input.termDays),
          ),
          newDueDate: request.newDueDate,
          alreadyExtended: row.extendedDueDate !== null,
        },
        cal,
      );
      extensionRefusal = check.ok ? null : check.reason;
    }
  }
  const openPause = await openPauseOf(tx).get({ caseId: row.id });
  const rules = regimeRules(row.regime);
  return {
    actor: { role: actor.role, id: actor.id },
    businessDaysSinceFiling: countBusinessDays(
      toLocalDate(row.receivedAt, org.timeZone),
      today,
      cal,
    ),
    businessDaysSinceAnswer: row.answeredAt
      ? countBusinessDays(toLocalDate(row.answeredAt, org.timeZone), today, cal)
      : null,
    disagreementWindowDays: org.disagreementWindowDays,
    isWaitingPeriodOver: openPause
      ? isWaitingPeriodOver(
          openPause.pausedAt,
          now,
          org.timeZone,
          openPause.moreTimeAt !== null,
          rules.withdrawalMonths,
        )
      : false,
    hasMoreTime: openPause?.moreTimeAt != null,
    isTermExpired: row.dueAt !== null && now.getTime() > row.dueAt.getTime(),
    extensionRefusal,
    infoRequestWindowDays: rules.infoRequestWindowDays,
    hasPositiveSilence: rules.positiveSilenceTypes.includes(row.typeCode),
  };
}

/**
 * Applies one action to one case: who is asking → what they sent → one IMMEDIATE transaction that
 * re-reads the case, asks the pure state machine, writes the change and its audit event. The write
 * is conditional on the version read, so two actions from the same prior state cannot both succeed.
 */
export async function applyCaseAction(
  ctx: Ctx,
  input: unknown,
  extras: Pick<CaseExtras, 'attachments' | 'alongside'> = {},
): Promise<AppliedAction> {
  const { caseId, ...rest } = parseInput(CaseTargetSchema, input);
  const request = parseInput(CaseActionSchema, rest);
  // The answer's letter is rendered and written first; it is recorded with the event or removed.
  const letter =
    request.action === 'answer' ? await prepareAnswerLetter(ctx, caseId, request) : null;
  try {
    return await recordAction(ctx, caseId, request, extras, letter?.stored ?? []);
  } catch (error) {
    letter?.discard();
    throw error;
  }
}

function recordAction(
  ctx: Ctx,
  caseId: number,
  request: CaseActionRequest,
  extras: Pick<CaseExtras, 'attachments' | 'alongside'>,
  letter: StoredUpload[],
): Promise<AppliedAction> {
  const { actor, now } = ctx;
  return withTransaction(ctx, async ({ db: tx }) => {
    const row = await first(tx.select().from(cases).where(eq(cases.id, caseId)));
    if (!row) throw new AppError('NOT_FOUND', 'case not found');
    if (!canAccessCase(actor, row)) throw new AppError('FORBIDDEN', 'not your case');
    const prior = request.submissionId
      ? await priorSubmission(tx, row.id, request.submissionId)
      : undefined;
    if (prior) {
      return {
        caseId: row.id,
        radicado: row.radicado,
        action: request.action,
        from: prior.from ?? row.state,
        to: prior.to ?? row.state,
        version: row.version,
        eventId: prior.id,
        replayed: true,
      };
    }
    if (request.expectedVersion !== undefined && request.expectedVersion !== row.version) {
      throw new AppError('CONFLICT', 'the case changed meanwhile', {
        detail: { currentVersion: row.version },
      });
    }
    const org = await getOrganization(tx);
    const snapshot = snapshotOf(row);
    const ctx = await buildContext(tx, row, request, actor, org, now);
    const decision = decideTransition(snapshot, request.action, request, ctx);
    if (!decision.ok) refuse(decision);

    const effect = await applyEffects(tx, { row, request, actor, org, now });
    const version = row.version + 1;
    const updated = await tx
      .update(cases)
      .set({ ...effect.changes, state: decision.to, version, updatedAt: now })
      .where(and(eq(cases.id, row.id), eq(cases.version, row.version)));
    if (changesOf(updated) !== 1) throw new AppError('CONFLICT', 'the case changed meanwhile');

    const eventId = await appendEvent(tx, {
      caseId: row.id,
      action: request.action,
      actorRole: actor.role,
      actorId: actor.id,
      fromState: decision.from,
      toState: decision.to,
      visibility: effect.visibility,
      body: effect.body ?? null,
      data: request.submissionId
        ? { ...effect.data, submissionId: request.submissionId }
        : (effect.data ?? null),
      createdAt: now,
    });
    await effect.afterEvent?.(eventId);
    // Attachments go with what the actor wrote: public unless the event is an internal note. The
    // answer letter leads them, so it is the first file of the answer's notice.
    const attachmentIds = [
      ...(await recordAttachments(tx, row.id, eventId, letter, 'public', now, 'answer_letter')),
      ...(await recordAttachments(
        tx,
        row.id,
        eventId,
        extras.attachments ?? [],
        effect.visibility,
        now,
      )),
    ];
    // The customer hears of it (information request, extension, answer …) in the same commit.
    await noticeForAction(tx, {
      row: { ...row, ...effect.changes, state: decision.to },
      action: request.action,
      body: effect.body ?? null,
      data: effect.data ?? null,
      eventId,
      attachmentIds,
      org,
      now,
    });
    await alertForAction(tx, {
      row: { ...row, ...effect.changes },
      action: request.action,
      eventId,
      actorId: isStaff(actor) ? actor.id : null,
      now,
    });
    await extras.alongside?.(tx, row.id);
    return {
      caseId: row.id,
      radicado: row.radicado,
      action: request.action,
      from: decision.from,
      to: decision.to,
      version,
      eventId,
    };
  });
}
