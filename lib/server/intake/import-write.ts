import 'server-only';
import { mapInOrder } from '../core/in-order';
import type { Conn } from '@/db/client';
import type { CaseRow } from '@/db/tables';
import { caseIdByRadicado as liteCaseId } from '@/db/sql/audit-log';
import { caseIdByRadicado as pgCaseId } from '@/db/pg/audit-history';
import { appendChained } from '@/db/pg/audit-log';
import type { PgTx } from '@/db/pg/claims';
import * as pgImport from '@/db/pg/import';
import { isPg, pgQueryable } from '@/db/pg/transactions';
import * as liteImport from '@/db/sql/import';
import {
  IMPORT_ACTION,
  type ImportedCaseRow,
  type ImportedCustomer,
  type ImportedEventRow,
} from '@/db/sql/import';
import type { CaseState } from '@/lib/domain/enums';
import { formatRadicado } from '@/lib/domain/radicado';
import { matchRule } from '@/lib/domain/routing';
import { isIdentityPending } from '@/lib/validation/case-filing';
import { hashEvent, wellFormed, type NewEvent } from '../core/audit';
import { dueColumns } from '../cases/case-terms';
import { customerColumns } from '../cases/filing-rows';
import { enqueueConstancia } from '../notices/constancia';
import { yearOf, type ImportRow } from './import-row';
import { answerFigures, legalTerm, termAt, type ImportSetting } from './import-setting';

/**
 * Writes checked import rows, one transaction per batch (the caller's): each case with its
 * customer, consent, radicado, legal term, team, result figures and audit events, by the rules
 * create-case.ts files with, but with the history's own dates. Everything that does not change
 * within a run is read once (import-setting.ts).
 */

export interface WrittenCase {
  row: number;
  caseId: number;
  radicado: string;
  /** The row's radicado when it could not be kept (malformed or already someone else's). */
  replaced: string | null;
}

// Each engine's statements (db/sql/import.ts, db/pg/import.ts), on the batch's transaction.
const takeSequence = async (tx: Conn, prefix: string, year: number) =>
  isPg(tx)
    ? await pgImport.takeSequence(pgQueryable(tx), prefix, year)
    : liteImport.takeSequence(tx, prefix, year);
const upsertImportedCustomer = async (tx: Conn, c: ImportedCustomer) =>
  isPg(tx)
    ? await pgImport.upsertImportedCustomer(pgQueryable(tx), c)
    : liteImport.upsertImportedCustomer(tx, c);
const insertImportedCase = async (tx: Conn, row: ImportedCaseRow) =>
  isPg(tx)
    ? await pgImport.insertImportedCase(pgQueryable(tx), row)
    : liteImport.insertImportedCase(tx, row);
const insertImportedConsent = async (
  tx: Conn,
  ...args: [customerId: number, caseId: number, policy: string, at: number, channel: string]
) =>
  isPg(tx)
    ? await pgImport.insertImportedConsent(pgQueryable(tx), ...args)
    : liteImport.insertImportedConsent(tx, ...args);
const insertImportedEvent = async (tx: Conn, row: ImportedEventRow) =>
  isPg(tx)
    ? await pgImport.insertImportedEvent(pgQueryable(tx), row)
    : liteImport.insertImportedEvent(tx, row);

/**
 * The hash the batch's first event chains to. On PostgreSQL it is read under the chain's lock
 * (appendChained), which the batch holds until it commits: another instance's event cannot come
 * in between and fork the chain. SQLite's single writer orders them by itself.
 */
async function chainHead(tx: Conn): Promise<string | null> {
  if (!isPg(tx)) return liteImport.lastEventHash(tx);
  let head: string | null = null;
  await appendChained(tx as unknown as PgTx, async (prevHash) => {
    head = prevHash;
    return 0; // no event of its own: the batch appends them
  });
  return head;
}

/** Per run: the chain's last hash is read once per batch (inside its transaction). */
export async function writeBatch(
  tx: Conn,
  s: ImportSetting,
  rows: readonly ImportRow[],
  keepable: ReadonlySet<string>,
): Promise<WrittenCase[]> {
  let prevHash = await chainHead(tx);
  const event = async (e: NewEvent) => {
    const body = typeof e.body === 'string' ? wellFormed(e.body) : null;
    const full = { ...e, body };
    const hash = hashEvent(prevHash, full);
    await insertImportedEvent(tx, {
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
  return mapInOrder(rows, async (row) => await writeCase(tx, s, row, keepable, event));
}

const caseIdByRadicado = (tx: Conn, radicado: string) =>
  isPg(tx) ? pgCaseId(pgQueryable(tx), radicado) : liteCaseId(tx, radicado);

async function radicadoFor(
  tx: Conn,
  s: ImportSetting,
  row: ImportRow,
  keepable: ReadonlySet<string>,
) {
  if (
    row.radicado &&
    keepable.has(row.radicado) &&
    (await caseIdByRadicado(tx, row.radicado)) === null
  ) {
    return { radicado: row.radicado, replaced: null };
  }
  const year = yearOf(row.receivedAt, s.org.timeZone);
  for (;;) {
    const radicado = formatRadicado(
      s.org.radicadoPrefix,
      year,
      await takeSequence(tx, s.org.radicadoPrefix, year),
    );
    // A number another import kept out of order is skipped, never given twice.
    if ((await caseIdByRadicado(tx, radicado)) === null)
      return { radicado, replaced: row.radicado };
  }
}

async function writeCase(
  tx: Conn,
  s: ImportSetting,
  row: ImportRow,
  keepable: ReadonlySet<string>,
  event: (e: NewEvent) => Promise<void>,
): Promise<WrittenCase> {
  const f = row.filing;
  const { radicado, replaced } = await radicadoFor(tx, s, row, keepable);
  const termDays = termAt(s, f.typeCode, row.receivedAt);
  const term = termDays === null ? null : legalTerm(s, row.receivedAt, termDays);
  const due = dueColumns(term);
  const c = f.isAnonymous ? undefined : f.customer;
  const customerId = c
    ? await upsertImportedCustomer(tx, {
        ...customerColumns(c, f.locale),
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
    petitionGroupId: null,
    locale: f.locale,
    teamId,
    assigneeId: null,
    categoryId: null,
    processId: null,
    rootCauseId: null,
    receivedAt: row.receivedAt,
    termDays,
    regime: s.org.regime,
    ...due,
    extendedDueDate: null,
    extensionDays: null,
    silenceAcceptedAt: null,
    extensionReason: null,
    firstResponseAt: answeredAt,
    answeredAt,
    answerPostedAt: null,
    answerDeliveredAt: null,
    answerDeliveredVia: null,
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
  const caseId = await insertImportedCase(tx, {
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
    regime: r.regime,
    due_date: r.dueDate,
    due_at: ms(r.dueAt),
    first_response_at: ms(r.firstResponseAt),
    answered_at: ms(r.answeredAt),
    first_answered_at: ms(r.firstAnsweredAt),
    answer_delivered_at: ms(r.answerDeliveredAt),
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
    await insertImportedConsent(
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
  await event({
    ...history,
    action: 'radicar',
    toState: 'radicada',
    data: { channel: f.channel, typeCode: f.typeCode, dueDate: due.dueDate, termDays },
    createdAt: row.receivedAt,
  });
  let state: CaseState = 'radicada';
  if (answeredAt) {
    await event({
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
    await event({
      ...history,
      action: 'close',
      fromState: state,
      toState: 'cerrada',
      createdAt: row.closedAt,
    });
  }
  await event({
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
    await sendConstancia(tx, s, row, caseId, radicado, due.dueDate);
  return { row: row.row, caseId, radicado, replaced };
}

/** Only when asked (--constancias): history was acknowledged when it was filed. */
async function sendConstancia(
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
  await enqueueConstancia(tx, {
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
  });
}
