import 'server-only';
import { first, one } from '@/db/rows';
import { and, eq, isNull } from 'drizzle-orm';
import type { Conn } from '@/db/client';
import { casePauses, promises, type CaseRow } from '@/db/tables';
import { endOfLocalDay } from '@/lib/domain/calendar';
import { computeLegalTerm, extensionDaysTo } from '@/lib/domain/legal-term';
import { PD_DELIVERY_PROMISE, pdDeliveryDueDate } from '@/lib/domain/pd-silence';
import { regimeRules, SILENCE_RECOGNITION_PROMISE } from '@/lib/domain/regimes';
import { waitingPeriodEnd } from '@/lib/domain/waiting-period';
import { loadCalendar, receiptRuleOf, type Organization } from '../core/organization';
import { computeCaseTerm, dueColumns, termInputOf } from './case-terms';

/** The effects of the case actions that move the legal clock (case-effects.ts): DOMAIN.md §3. */

export async function refreshedTerm(
  tx: Conn,
  row: CaseRow,
  org: Organization,
  patch: Partial<CaseRow> = {},
) {
  const cal = await loadCalendar(tx, org);
  return dueColumns(await computeCaseTerm(tx, { ...row, ...patch }, cal, receiptRuleOf(org)));
}

/**
 * A prórroga to `newDueDate` (already checked by the state machine): the case keeps the business
 * days it adds to the term, so a later pause moves the extended date as well (DOMAIN.md §3).
 */
export async function extendedTerm(
  tx: Conn,
  row: CaseRow,
  org: Organization,
  extension: { newDueDate: string; reason: string },
) {
  const cal = await loadCalendar(tx, org);
  const input = await termInputOf(tx, row, receiptRuleOf(org), cal);
  const extensionDays = input && extensionDaysTo(input, extension.newDueDate, cal);
  if (!input || extensionDays === null) {
    throw new Error('Unreachable: an extension of a term not running');
  }
  return {
    extendedDueDate: extension.newDueDate,
    extensionDays,
    extensionReason: extension.reason,
    ...dueColumns(computeLegalTerm({ ...input, extensionDays }, cal)),
  };
}

/**
 * The petitioner's extra month (art. 17) on the open information request: recorded on the pause,
 * which the tacit-withdrawal job reads. Returns the new last day to answer (org-local).
 */
export async function grantMoreTime(
  tx: Conn,
  row: Pick<CaseRow, 'id' | 'regime'>,
  now: Date,
  timeZone: string,
): Promise<string> {
  const caseId = row.id;
  const open = await first(
    tx
      .update(casePauses)
      .set({ moreTimeAt: now })
      .where(and(eq(casePauses.caseId, caseId), isNull(casePauses.resumedAt)))
      .returning({ pausedAt: casePauses.pausedAt }),
  );
  if (!open) throw new Error('Unreachable: more time asked with no open information request');
  return waitingPeriodEnd(open.pausedAt, timeZone, true, regimeRules(row.regime).withdrawalMonths);
}

/**
 * A PD request past its term unanswered counts as accepted (art. 14.1): the copies are owed within
 * 3 business days of the due date. Under Ley 142 a petition, complaint or appeal unanswered at
 * expiry is resolved in the user's favour (silencio administrativo positivo), its effects owed
 * within 72 hours. Either duty is kept as a promise of the case's holder, which the petitioner sees
 * and the board counts.
 */
export async function acceptBySilence(tx: Conn, row: CaseRow, org: Organization, now: Date) {
  if (row.dueDate === null) throw new Error('Unreachable: silence past a term the case lacks');
  // Ley 142: the favourable answer's effects are owed within the regime's hours (72: Decreto 2223
  // de 1996); a PD request: the copies within 3 business days after its due date.
  const isPd = row.typeCode === 'PD';
  const kind = isPd ? PD_DELIVERY_PROMISE : SILENCE_RECOGNITION_PROMISE;
  const dueAt = isPd
    ? endOfLocalDay(pdDeliveryDueDate(row.dueDate, await loadCalendar(tx, org)), org.timeZone)
    : new Date(now.getTime() + regimeRules(row.regime).silenceRecognitionHours * 3_600_000);
  const promise = await one(
    tx
      .insert(promises)
      .values({
        caseId: row.id,
        description: kind,
        ownerId: row.assigneeId,
        teamId: row.teamId,
        dueAt,
        createdAt: now,
      })
      .returning({ id: promises.id }),
  );
  return {
    changes: { silenceAcceptedAt: now },
    visibility: 'public' as const,
    data: { promiseId: promise.id, dueAt: dueAt.toISOString(), kind },
  };
}
