import 'server-only';
import { desc } from 'drizzle-orm';
import type { Conn } from '@/db/client';
import { caseTypes, caseTypeTerms, serviceLevels, type CaseRow } from '@/db/schema';
import {
  caseIdByRadicado,
  insertImportedCase,
  insertImportedConsent,
  insertImportedEvent,
  lastEventHash,
  takeSequence,
  upsertImportedCustomer,
  IMPORT_ACTION,
} from '@/db/sql/import';
import { localHour, toLocalDate, type BusinessCalendar } from '@/lib/domain/calendar';
import {
  DEFAULT_ANONYMOUS_TYPES,
  DEFAULT_TERM_DAYS,
  type ActorRole,
  type CaseState,
  type CaseType,
} from '@/lib/domain/enums';
import {
  businessDaysUsed,
  computeLegalTerm,
  type LegalTerm,
  type ReceiptRule,
} from '@/lib/domain/legal-term';
import { formatRadicado } from '@/lib/domain/radicado';
import { matchRule } from '@/lib/domain/routing';
import { isIdentityPending } from '@/lib/validation/case-filing';
import { hashEvent, wellFormed, type NewEvent } from '../core/audit';
import {
  getOrganization,
  loadCalendar,
  receiptRuleOf,
  type Organization,
} from '../core/organization';
import { answerFiguresAt } from '../cases/answer-figures';
import { dueColumns } from '../cases/case-terms';
import { levelStatus, pickServiceLevel } from '../cases/service-level';
import { enqueueConstancia } from '../notices/constancia';
import { caseLinkUrl } from '../portal/portal-access';
import { rulesInForce, type RuleSet } from '../routing/rules-in-force';
import { yearOf, type ImportRow } from './import-row';

/**
 * Writes checked import rows, one transaction per batch (the caller's): each case with its
 * customer, consent, radicado, legal term, team, result figures and audit events, by the rules
 * create-case.ts files with, but with the history's own dates. Everything that does not change
 * within a run (organisation, calendar, terms, catalogue, routing rules) is read once.
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

export function loadImportSetting(
  db: Conn,
  now: Date,
  actor: ImportSetting['actor'],
  sendConstancias: boolean,
): ImportSetting {
  const org = getOrganization(db);
  const terms = new Map<CaseType, [number, number | null][]>();
  const versions = db
    .select()
    .from(caseTypeTerms)
    .orderBy(desc(caseTypeTerms.validFrom), desc(caseTypeTerms.id))
    .all();
  for (const t of versions) {
    const list = terms.get(t.typeCode) ?? [];
    list.push([t.validFrom.getTime(), t.termDays]);
    terms.set(t.typeCode, list);
  }
  return {
    org,
    cal: loadCalendar(db, org),
    receiptRule: receiptRuleOf(org),
    now,
    actor,
    terms,
    types: new Map(
      db
        .select()
        .from(caseTypes)
        .all()
        .map((t) => [t.code, t]),
    ),
    rules: rulesInForce(db, now),
    levels: db.select().from(serviceLevels).all(),
    sendConstancias,
    termMemo: new Map(),
    daysMemo: new Map(),
  };
}

/** The legal term in force for a type when the case was filed (case-terms.ts termInForce). */
function termAt(s: ImportSetting, type: CaseType, at: Date): number | null {
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
export function catalogueRefusal(s: ImportSetting, row: ImportRow): [string, string] | null {
  const f = row.filing;
  const type = s.types.get(f.typeCode);
  if (type && !type.isActive) return ['tipo', 'importTypeInactive'];
  const allows = type ? type.allowsAnonymous : DEFAULT_ANONYMOUS_TYPES.includes(f.typeCode);
  if (f.isAnonymous && !allows) return ['anonimo', 'anonymousNotAllowed'];
  if (f.responseMedium === 'api') return ['medio_respuesta', 'invalid'];
  return null;
}

export interface WrittenCase {
  row: number;
  caseId: number;
  radicado: string;
  /** The row's radicado when it could not be kept (malformed or already someone else's). */
  replaced: string | null;
}

/** Per run: the chain's last hash is read once per batch (inside its transaction). */
export function writeBatch(
  tx: Conn,
  s: ImportSetting,
  rows: readonly ImportRow[],
  keepable: ReadonlySet<string>,
): WrittenCase[] {
  let prevHash = lastEventHash(tx);
  const event = (e: NewEvent) => {
    const body = typeof e.body === 'string' ? wellFormed(e.body) : null;
    const full = { ...e, body };
    const hash = hashEvent(prevHash, full);
    insertImportedEvent(tx, {
      case_id: e.caseId,
      action: e.action,
      actor_role: e.actorRole,
      actor_id: e.actorId,
      from_state: e.fromState ?? null,
      to_state: e.toState ?? null,
      visibility: e.visibility,
      body,
      data: e.data ? JSON.stringify(e.data) : null,
      created_at: e.createdAt.getTime(),
      prev_hash: prevHash,
      hash,
    });
    prevHash = hash;
  };
  return rows.map((row) => writeCase(tx, s, row, keepable, event));
}

function radicadoFor(tx: Conn, s: ImportSetting, row: ImportRow, keepable: ReadonlySet<string>) {
  if (row.radicado && keepable.has(row.radicado) && caseIdByRadicado(tx, row.radicado) === null) {
    return { radicado: row.radicado, replaced: null };
  }
  const year = yearOf(row.receivedAt, s.org.timeZone);
  for (;;) {
    const radicado = formatRadicado(
      s.org.radicadoPrefix,
      year,
      takeSequence(tx, s.org.radicadoPrefix, year),
    );
    // A number another import kept out of order is skipped, never given twice.
    if (caseIdByRadicado(tx, radicado) === null) return { radicado, replaced: row.radicado };
  }
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

function legalTerm(s: ImportSetting, receivedAt: Date, termDays: number): LegalTerm {
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

function answerFigures(s: ImportSetting, row: CaseRow, answeredAt: Date) {
  const level = pickServiceLevel(s.levels, row);
  const open = { start: s.org.businessHoursStart, end: s.org.businessHoursEnd };
  return answerFiguresAt(answeredAt, {
    dueAt: row.dueAt,
    businessDays: row.termDays === null ? null : daysUsed(s, row.receivedAt, answeredAt),
    level: level ? levelStatus(level, row, answeredAt, s.cal, open) : null,
  });
}

function writeCase(
  tx: Conn,
  s: ImportSetting,
  row: ImportRow,
  keepable: ReadonlySet<string>,
  event: (e: NewEvent) => void,
): WrittenCase {
  const f = row.filing;
  const { radicado, replaced } = radicadoFor(tx, s, row, keepable);
  const termDays = termAt(s, f.typeCode, row.receivedAt);
  const term = termDays === null ? null : legalTerm(s, row.receivedAt, termDays);
  const due = dueColumns(term);
  const c = f.isAnonymous ? undefined : f.customer;
  const customerId = c
    ? upsertImportedCustomer(tx, {
        documentType: c.documentType,
        documentNumber: c.documentNumber,
        fullName: c.fullName,
        email: c.email ?? null,
        phone: c.phone ?? null,
        address: c.address ?? null,
        locale: f.locale,
        createdAt: row.receivedAt.getTime(),
      })
    : null;
  const rule = s.rules ? matchRule(s.rules.rules, { ...f, categoryId: null }) : null;
  const teamId = rule?.teamId ?? s.rules?.defaultTeamId ?? null;
  const staffId = s.actor.role === 'system' || s.actor.role === 'customer' ? null : s.actor.id;
  const answeredAt = row.answeredAt;
  const lastAt = row.closedAt ?? answeredAt ?? row.receivedAt;
  const base: CaseRow = {
    id: 0,
    radicado,
    typeCode: f.typeCode,
    state: row.state,
    channel: f.channel,
    subject: f.subject,
    description: f.description,
    priority: f.priority,
    priorityReason: f.priorityReason ?? null,
    customerId,
    isAnonymous: f.isAnonymous,
    accessCodeHash: null,
    responseMedium: f.isAnonymous ? 'email' : f.responseMedium,
    responseAddress: f.responseAddress ?? c?.address ?? null,
    intakeChannelId: null,
    possibleRepeatOfId: null,
    locale: f.locale,
    teamId,
    assigneeId: null,
    categoryId: null,
    processId: null,
    rootCauseId: null,
    receivedAt: row.receivedAt,
    termDays,
    ...due,
    extendedDueDate: null,
    extensionReason: null,
    firstResponseAt: answeredAt,
    answeredAt,
    answerPostedAt: null,
    firstAnsweredAt: null,
    answeredOnTime: null,
    answerBusinessDays: null,
    slaMet: null,
    decision: row.decision,
    closedAt: row.closedAt,
    reopenCount: 0,
    repeatContactCount: 0,
    mergedIntoId: null,
    transferDestination: null,
    createdById: staffId,
    version: 1 + (answeredAt ? 1 : 0) + (row.closedAt ? 1 : 0),
    updatedAt: lastAt,
  };
  // The result figures the first answer fixes, as answering fixes them (answer-figures.ts).
  const figures = answeredAt ? answerFigures(s, base, answeredAt) : {};
  const r = { ...base, ...figures };
  const ms = (d: Date | null | undefined) => (d ? d.getTime() : null);
  const bit = (b: boolean | null | undefined) => (b === null || b === undefined ? null : b ? 1 : 0);
  const caseId = insertImportedCase(tx, {
    radicado,
    type_code: r.typeCode,
    state: r.state,
    channel: r.channel,
    subject: r.subject,
    description: r.description,
    priority: r.priority,
    priority_reason: r.priorityReason,
    customer_id: customerId,
    is_anonymous: bit(r.isAnonymous),
    response_medium: r.responseMedium,
    response_address: r.responseAddress,
    locale: r.locale,
    team_id: teamId,
    received_at: ms(r.receivedAt),
    term_days: termDays,
    due_date: r.dueDate,
    due_at: ms(r.dueAt),
    first_response_at: ms(r.firstResponseAt),
    answered_at: ms(r.answeredAt),
    first_answered_at: ms(r.firstAnsweredAt),
    answered_on_time: bit(r.answeredOnTime),
    answer_business_days: r.answerBusinessDays,
    sla_met: bit(r.slaMet),
    decision: r.decision,
    closed_at: ms(r.closedAt),
    created_by_id: staffId,
    version: r.version,
    updated_at: ms(r.updatedAt),
  });
  if (customerId !== null) {
    insertImportedConsent(
      tx,
      customerId,
      caseId,
      s.org.privacyPolicyVersion,
      row.receivedAt.getTime(),
      f.channel,
    );
  }
  const history = {
    caseId,
    actorRole: 'system' as const,
    actorId: null,
    visibility: 'public' as const,
  };
  event({
    ...history,
    action: 'radicar',
    toState: 'radicada',
    data: { channel: f.channel, typeCode: f.typeCode, dueDate: due.dueDate, termDays },
    createdAt: row.receivedAt,
  });
  let state: CaseState = 'radicada';
  if (answeredAt) {
    event({
      ...history,
      action: 'answer',
      fromState: state,
      toState: 'respondida',
      body: row.answer,
      data: { decision: row.decision },
      createdAt: answeredAt,
    });
    state = 'respondida';
  }
  if (row.closedAt) {
    event({
      ...history,
      action: 'close',
      fromState: state,
      toState: 'cerrada',
      createdAt: row.closedAt,
    });
  }
  event({
    caseId,
    action: IMPORT_ACTION,
    actorRole: s.actor.role,
    actorId: s.actor.id,
    visibility: 'internal',
    data: {
      sourceId: row.sourceId,
      radicadoOrigen: row.radicado,
      row: row.row,
      teamId,
    },
    createdAt: s.now,
  });
  if (s.sendConstancias && row.state === 'radicada')
    sendConstancia(tx, s, row, caseId, radicado, due.dueDate);
  return { row: row.row, caseId, radicado, replaced };
}

/** Only when asked (--constancias): history was acknowledged when it was filed. */
function sendConstancia(
  tx: Conn,
  s: ImportSetting,
  row: ImportRow,
  caseId: number,
  radicado: string,
  dueDate: string | null,
) {
  const f = row.filing;
  const to = f.isAnonymous
    ? null
    : (f.customer?.email ?? (isIdentityPending(f) ? (f.responseAddress ?? null) : null));
  if (!to) return;
  enqueueConstancia(tx, {
    caseId,
    to,
    now: s.now,
    locale: f.locale,
    orgName: s.org.name,
    radicado,
    typeCode: f.typeCode,
    channel: f.channel,
    receivedAt: row.receivedAt,
    timeZone: s.org.timeZone,
    dueDate,
    accessUrl: caseLinkUrl(caseId, radicado, s.now),
  });
}
