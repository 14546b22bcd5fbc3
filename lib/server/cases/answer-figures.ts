import 'server-only';
import type { Conn } from '@/db/client';
import { businessDaysUsed } from '@/lib/domain/legal-term';
import type { CaseChanges, CaseRow } from '@/db/schema';
import { termInputOf } from './case-terms';
import { loadCalendar, receiptRuleOf, type Organization } from '../core/organization';
import { caseServiceLevel } from './service-level';

/**
 * The result figures fixed by a case's FIRST answer (later answers after a reopen change none of
 * them): on time against the due date in force (extension included), counted business days taken
 * (pauses excluded) and whether the internal service level was met. The supervisor views aggregate
 * these columns in SQL instead of replaying every case's calendar.
 */
export function firstAnswerFigures(
  tx: Conn,
  row: CaseRow,
  org: Organization,
  now: Date,
): CaseChanges {
  if (row.firstAnsweredAt) return {};
  const input = termInputOf(tx, row, receiptRuleOf(org));
  const level = caseServiceLevel(
    tx,
    { ...row, firstResponseAt: row.firstResponseAt ?? now, answeredAt: now },
    now,
  );
  return {
    firstAnsweredAt: now,
    answeredOnTime: row.dueAt ? now.getTime() <= row.dueAt.getTime() : null,
    answerBusinessDays: input ? businessDaysUsed(input, now, loadCalendar(tx, org)) : null,
    slaMet: level
      ? level.firstResponse.status === 'met' && level.resolution.status === 'met'
      : null,
  };
}
