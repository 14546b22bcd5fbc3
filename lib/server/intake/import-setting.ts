import 'server-only';
import { desc } from 'drizzle-orm';
import type { Conn } from '@/db/client';
import { caseTypes, caseTypeTerms, serviceLevels, type CaseRow } from '@/db/tables';
import { localHour, toLocalDate, type BusinessCalendar } from '@/lib/domain/calendar';
import {
  DEFAULT_ANONYMOUS_TYPES,
  DEFAULT_TERM_DAYS,
  type ActorRole,
  type CaseType,
} from '@/lib/domain/enums';
import {
  businessDaysUsed,
  computeLegalTerm,
  type LegalTerm,
  type ReceiptRule,
} from '@/lib/domain/legal-term';
import {
  getOrganization,
  loadCalendar,
  receiptRuleOf,
  type Organization,
} from '../core/organization';
import { answerFiguresAt } from '../cases/answer-figures';
import { levelStatus, pickServiceLevel } from '../cases/service-level';
import { rulesInForce, type RuleSet } from '../routing/rules-in-force';
import type { ImportColumn } from './import-file';
import type { ImportRow } from './import-row';

/**
 * What an import run reads once (organisation, calendar, terms, catalogue, routing rules, service
 * levels) and what it works out once per day rather than per case (legal terms, business days to
 * the answer): filing reads them per case, a bulk load cannot afford to.
 */
export interface ImportSetting {
  org: Organization;
  cal: BusinessCalendar;
  receiptRule: ReceiptRule;
  now: Date;
  actor: { role: ActorRole; id: number | null };
  /** Each type's term versions, newest first: [valid from (ms), days]. */
  terms: Map<CaseType, [number, number | null][]>;
  types: Map<CaseType, { allowsAnonymous: boolean; isActive: boolean }>;
  rules: RuleSet | null;
  levels: (typeof serviceLevels.$inferSelect)[];
  sendConstancias: boolean;
  /** Terms by receipt day (and side of the closing hour) and length: a day's filings share one. */
  termMemo: Map<string, LegalTerm>;
  daysMemo: Map<string, number>;
}

export async function loadImportSetting(
  db: Conn,
  now: Date,
  actor: ImportSetting['actor'],
  sendConstancias: boolean,
): Promise<ImportSetting> {
  const org = await getOrganization(db);
  const terms = new Map<CaseType, [number, number | null][]>();
  const versions = await db
    .select()
    .from(caseTypeTerms)
    .orderBy(desc(caseTypeTerms.validFrom), desc(caseTypeTerms.id));
  for (const t of versions) {
    const list = terms.get(t.typeCode) ?? [];
    list.push([t.validFrom.getTime(), t.termDays]);
    terms.set(t.typeCode, list);
  }
  return {
    org,
    cal: await loadCalendar(db, org),
    receiptRule: receiptRuleOf(org),
    now,
    actor,
    terms,
    types: new Map((await db.select().from(caseTypes)).map((t) => [t.code, t])),
    rules: await rulesInForce(db, now),
    levels: await db.select().from(serviceLevels),
    sendConstancias,
    termMemo: new Map(),
    daysMemo: new Map(),
  };
}

/** The legal term in force for a type when the case was filed (case-terms.ts termInForce). */
export function termAt(s: ImportSetting, type: CaseType, at: Date): number | null {
  const versions = s.terms.get(type);
  if (!versions) return DEFAULT_TERM_DAYS[type];
  const found = versions.find(([from]) => from <= at.getTime());
  return found ? found[1] : DEFAULT_TERM_DAYS[type];
}

/**
 * What the catalogue refuses of a row (create-case.ts's checks), as [column, message key]:
 * an inactive type, anonymity the type does not allow, an answer through an API channel (an
 * imported case came through none).
 */
export function catalogueRefusal(s: ImportSetting, row: ImportRow): [ImportColumn, string] | null {
  const f = row.filing;
  const type = s.types.get(f.typeCode);
  if (type && !type.isActive) return ['tipo', 'importTypeInactive'];
  const allows = type ? type.allowsAnonymous : DEFAULT_ANONYMOUS_TYPES.includes(f.typeCode);
  if (f.isAnonymous && !allows) return ['anonimo', 'anonymousNotAllowed'];
  if (f.responseMedium === 'api') return ['medio_respuesta', 'invalid'];
  return null;
}

/**
 * Every filing received on the same local day (and, under a closing hour, on the same side of it)
 * has the same term: computeLegalTerm reads nothing else of the instant.
 */
function receiptKey(s: ImportSetting, at: Date): string {
  const tz = s.org.timeZone;
  const rule = s.receiptRule;
  const isLate =
    rule.kind === 'next_business_day' &&
    rule.closingHour !== undefined &&
    localHour(at, tz) >= rule.closingHour;
  return `${toLocalDate(at, tz)}${isLate ? '+' : ''}`;
}

export function legalTerm(s: ImportSetting, receivedAt: Date, termDays: number): LegalTerm {
  const key = `${receiptKey(s, receivedAt)}|${termDays}`;
  let term = s.termMemo.get(key);
  if (!term) {
    term = computeLegalTerm({ receivedAt, termDays, receiptRule: s.receiptRule }, s.cal);
    s.termMemo.set(key, term);
  }
  return term;
}

/** Counted business days from receipt to answer (no pauses in an import), by their two days. */
function daysUsed(s: ImportSetting, receivedAt: Date, answeredAt: Date): number {
  const key = `${receiptKey(s, receivedAt)}|${toLocalDate(answeredAt, s.org.timeZone)}`;
  const known = s.daysMemo.get(key);
  if (known !== undefined) return known;
  // The term's length does not change the count; only its start (the receipt rule) does.
  const input = { receivedAt, termDays: 1, receiptRule: s.receiptRule };
  const days = businessDaysUsed(input, answeredAt, s.cal);
  s.daysMemo.set(key, days);
  return days;
}

export function answerFigures(s: ImportSetting, row: CaseRow, answeredAt: Date) {
  const level = pickServiceLevel(s.levels, row);
  const open = { start: s.org.businessHoursStart, end: s.org.businessHoursEnd };
  return answerFiguresAt(answeredAt, {
    dueAt: row.dueAt,
    businessDays: row.termDays === null ? null : daysUsed(s, row.receivedAt, answeredAt),
    level: level ? levelStatus(level, row, answeredAt, s.cal, open) : null,
    deliveredAt: answeredAt,
  });
}
