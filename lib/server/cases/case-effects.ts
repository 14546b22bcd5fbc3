import 'server-only';
import { one } from '@/db/rows';
import type { Conn } from '@/db/client';
import { casePauses, promises, type CaseChanges, type CaseRow } from '@/db/tables';
import type { EventVisibility } from '@/lib/domain/enums';
import type { CaseActionRequest } from '@/lib/validation/case-action';
import type { Actor } from '../core/actor';
import { firstAnswerFigures } from './answer-figures';
import {
  activeStaff,
  checkReply,
  checkCategory,
  checkRootCause,
  endCase,
  endOpenPause,
  handleSecondsOf,
  linkTo,
  mergeInto,
  recordInteraction,
} from './case-effect-parts';
import { acceptBySilence, extendedTerm, grantMoreTime, refreshedTerm } from './term-effects';
import { termInForce } from './case-terms';
import { AppError } from '../core/errors';
import type { Organization } from '../core/organization';

export type { CaseChanges, CaseRow } from '@/db/tables';

export interface Effect {
  changes: CaseChanges;
  visibility: EventVisibility;
  body?: string | null;
  data?: Record<string, unknown>;
  /** Rows that point at the audit event (interactions), written once its id is known. */
  afterEvent?: (eventId: number) => Promise<void>;
}

interface EffectArgs {
  row: CaseRow;
  request: CaseActionRequest;
  actor: Actor;
  org: Organization;
  now: Date;
}

export async function applyEffects(tx: Conn, args: EffectArgs): Promise<Effect> {
  const { row, request: r, actor, org, now } = args;
  const staffId = actor.id;
  switch (r.action) {
    case 'take':
      return {
        changes: {
          assigneeId: staffId,
          teamId: 'teamId' in actor ? (actor.teamId ?? row.teamId) : row.teamId,
        },
        visibility: 'internal',
      };
    case 'assign': {
      const user = await activeStaff(tx, r.assigneeId);
      return {
        changes: { assigneeId: user.id, teamId: user.teamId ?? row.teamId },
        visibility: 'internal',
        data: { assigneeId: user.id, previousAssigneeId: row.assigneeId },
      };
    }
    case 'reclassify': {
      const processId = r.processId ?? row.processId;
      const rootCauseId = r.rootCauseId ?? (r.processId !== undefined ? null : row.rootCauseId);
      await checkCategory(tx, r.categoryId);
      await checkRootCause(tx, processId, rootCauseId);
      const changes: CaseChanges = {
        typeCode: r.typeCode ?? row.typeCode,
        categoryId: r.categoryId ?? row.categoryId,
        processId,
        rootCauseId,
        priority: r.priority ?? row.priority,
      };
      if (r.typeCode && r.typeCode !== row.typeCode) {
        // The new type's term in force at radication replaces the old one; the due date follows.
        const termDays = await termInForce(tx, r.typeCode, row.receivedAt);
        Object.assign(changes, { termDays }, await refreshedTerm(tx, row, org, { termDays }));
      }
      return {
        changes,
        visibility: 'internal',
        body: r.reason ?? null,
        data: {
          before: {
            typeCode: row.typeCode,
            categoryId: row.categoryId,
            processId: row.processId,
            rootCauseId: row.rootCauseId,
            priority: row.priority,
            dueDate: row.dueDate,
          },
          after: { ...changes, dueAt: undefined },
        },
      };
    }
    case 'reply':
    case 'answer': {
      const isAnswer = r.action === 'answer';
      const templateId = r.templateId ?? null;
      const { isCanned } = await checkReply(tx, row, staffId, r.body, templateId);
      // Staff-only: get-case keeps only PUBLIC_EVENT_DATA keys for the petitioner.
      const templateData = templateId !== null ? { templateId, isCanned } : {};
      const data = isAnswer ? { decision: r.decision, ...templateData } : templateData;
      return {
        changes: {
          firstResponseAt: row.firstResponseAt ?? now,
          ...(isAnswer
            ? {
                answeredAt: now,
                decision: r.decision,
                ...(await firstAnswerFigures(tx, row, org, now)),
              }
            : {}),
        },
        visibility: 'public',
        body: r.body,
        data: Object.keys(data).length > 0 ? data : undefined,
        afterEvent: recordInteraction(tx, {
          caseId: row.id,
          kind: 'reply',
          direction: 'outbound',
          staffId,
          body: r.body,
          templateId,
          isCanned,
          handleSeconds: handleSecondsOf(r.handleMinutes),
          createdAt: now,
        }),
      };
    }
    case 'note':
      return { changes: {}, visibility: 'internal', body: r.body };
    case 'log_interaction':
      return {
        changes: {},
        visibility: 'internal',
        body: r.body ?? null,
        data: {
          kind: r.kind,
          direction: r.direction,
          durationSeconds: r.durationSeconds,
          outcome: r.outcome,
        },
        afterEvent: recordInteraction(tx, {
          caseId: row.id,
          kind: r.kind,
          direction: r.direction,
          staffId,
          body: r.body ?? null,
          durationSeconds: r.durationSeconds ?? null,
          outcome: r.outcome ?? null,
          handleSeconds: handleSecondsOf(r.handleMinutes),
          createdAt: now,
        }),
      };
    case 'request_info':
      await tx.insert(casePauses).values({ caseId: row.id, pausedAt: now });
      return {
        changes: {
          ...(await refreshedTerm(tx, row, org)),
          firstResponseAt: row.firstResponseAt ?? now,
        },
        visibility: 'public',
        body: r.body,
        // A message to the petitioner like a reply: it carries the agent's time and can be reviewed.
        afterEvent: recordInteraction(tx, {
          caseId: row.id,
          kind: 'reply',
          direction: 'outbound',
          staffId,
          body: r.body,
          handleSeconds: handleSecondsOf(r.handleMinutes),
          createdAt: now,
        }),
      };
    case 'provide_info':
      await endOpenPause(tx, row.id, now);
      return {
        changes: await refreshedTerm(tx, row, org),
        visibility: 'public',
        body: r.body,
        afterEvent: recordInteraction(tx, {
          caseId: row.id,
          kind: row.channel === 'email' ? 'email' : 'reply',
          direction: 'inbound',
          body: r.body,
          createdAt: now,
        }),
      };
    case 'extend': {
      return {
        changes: await extendedTerm(tx, row, org, r),
        visibility: 'public',
        body: r.reason,
        data: { previousDueDate: row.dueDate, newDueDate: r.newDueDate },
      };
    }
    case 'auto_close':
      return { changes: { closedAt: now }, visibility: 'public' };
    case 'accept_by_silence':
      return await acceptBySilence(tx, row, org, now);
    case 'ask_more_time':
      return {
        changes: {},
        visibility: 'public',
        data: { until: await grantMoreTime(tx, row, now, org.timeZone) },
      };
    case 'close': {
      const processId = r.processId ?? row.processId;
      const rootCauseId = r.rootCauseId ?? row.rootCauseId;
      await checkRootCause(tx, processId, rootCauseId);
      return {
        changes: { processId, rootCauseId, closedAt: now },
        visibility: 'public',
        data: { processId, rootCauseId },
      };
    }
    case 'reopen':
    case 'disagree':
      return {
        changes: {
          reopenCount: row.reopenCount + 1,
          answeredAt: null,
          decision: null,
          closedAt: null,
        },
        visibility: 'public',
        body: r.reason,
        data: { previousDecision: row.decision },
      };
    case 'transfer':
      return {
        changes: { transferDestination: r.destination, ...(await endCase(tx, row.id, now)) },
        visibility: 'public',
        body: r.reason,
        data: { destination: r.destination },
      };
    case 'withdraw':
    case 'withdraw_tacit':
      return {
        changes: await endCase(tx, row.id, now),
        visibility: 'public',
        body: r.action === 'withdraw' ? r.reason : null,
        data: { kind: r.action === 'withdraw' ? 'expreso' : 'tacito' },
      };
    case 'merge':
      return await mergeInto(tx, { actor, row, targetCaseId: r.targetCaseId, now });
    case 'link':
      return await linkTo(tx, { actor, row, relatedCaseId: r.relatedCaseId, now });
    case 'add_promise':
    case 'request_callback': {
      const isCallback = r.action === 'request_callback';
      const dueAt = isCallback ? r.preferredAt : r.dueAt;
      if (dueAt.getTime() <= now.getTime()) {
        const field = isCallback ? 'preferredAt' : 'dueAt';
        throw new AppError('VALIDATION', 'past', { fieldErrors: { [field]: ['future'] } });
      }
      const description = isCallback ? 'callback' : r.description;
      const promise = await one(
        tx
          .insert(promises)
          .values({
            caseId: row.id,
            description,
            // A callback is owed by a person: the assignee, or the team when nobody has the case yet.
            ownerId: isCallback ? row.assigneeId : (row.assigneeId ?? staffId),
            teamId: row.teamId,
            dueAt,
            createdById: staffId,
            createdAt: now,
          })
          .returning({ id: promises.id }),
      );
      return {
        changes: {},
        visibility: 'public',
        body: isCallback ? (r.body ?? null) : r.description,
        data: {
          promiseId: promise.id,
          dueAt: dueAt.toISOString(),
          kind: isCallback ? 'callback' : 'promise',
        },
      };
    }
  }
}
