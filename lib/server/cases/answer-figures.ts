import 'server-only';
import type { Conn } from '@/db/client';
import { businessDaysUsed } from '@/lib/domain/legal-term';
import type { CaseChanges, CaseRow } from '@/db/tables';
import { termInputOf } from './case-terms';
import { loadCalendar, receiptRuleOf, type Organization } from '../core/organization';
import { caseServiceLevel, type CaseServiceLevel } from './service-level';

/**
 * The result figures fixed by a case's FIRST answer (later answers after a reopen change none of
 * them): counted business days taken (pauses excluded) and whether the internal service level was
 * met. Whether it was on time waits for its delivery (answer-delivery.ts). The supervisor views aggregate
 * these columns in SQL instead of replaying every case's calendar.
 */
export async function firstAnswerFigures(
  tx: Conn,
  row: CaseRow,
  org: Organization,
  now: Date,
): Promise<CaseChanges> {
  if (row.firstAnsweredAt) return {};
  const level = await caseServiceLevel(
    tx,
    { ...row, firstResponseAt: row.firstResponseAt ?? now, answeredAt: now },
    now,
  );
  const cal = await loadCalendar(tx, org);
  const input = await termInputOf(tx, row, receiptRuleOf(org), cal);
  return answerFiguresAt(now, {
    dueAt: row.dueAt,
    businessDays: input ? businessDaysUsed(input, now, cal) : null,
    level,
  });
}

/**
 * The same figures from what they depend on, already at hand: the bulk import reads the calendar
 * and the service levels once for thousands of cases (lib/server/intake/import-write.ts). An
 * imported answer comes from a system that already delivered it: `deliveredAt` decides on time.
 */
export function answerFiguresAt(
  at: Date,
  parts: {
    dueAt: Date | null;
    /** Counted business days from the term's day 1 to the answer (null: no legal term). */
    businessDays: number | null;
    /** The case's service level evaluated with this answer as its first response and answer. */
    level: CaseServiceLevel | null;
    /** When it reached the petitioner, if known now (an import); null: not yet delivered. */
    deliveredAt?: Date | null;
  },
): CaseChanges {
  const { level, dueAt } = parts;
  const deliveredAt = parts.deliveredAt ?? null;
  return {
    firstAnsweredAt: at,
    ...(deliveredAt ? { answerDeliveredAt: deliveredAt } : {}),
    answeredOnTime: dueAt && deliveredAt ? deliveredAt.getTime() <= dueAt.getTime() : null,
    answerBusinessDays: parts.businessDays,
    slaMet: level
      ? level.firstResponse.status === 'met' && level.resolution.status === 'met'
      : null,
  };
}
