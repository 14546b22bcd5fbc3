/**
 * Writes the scale seed's rows: customers, then each day's cases with their audit events, pauses,
 * promises and ratings. Hot path: no time-zone formatting (the day table has it), one legal-term
 * computation per (day, term), multi-row inserts.
 */
import type Database from 'better-sqlite3';
import type { BusinessCalendar } from '@/lib/domain/calendar';
import {
  CASE_TYPES,
  type ActorRole,
  type CaseState,
  type CaseType,
  type Channel,
} from '@/lib/domain/enums';
import type { ReceiptRule } from '@/lib/domain/legal-term';
import { formatRadicado } from '@/lib/domain/radicado';
import { hashEvent } from '@/lib/server/core/audit';
import { hashSecret } from '@/lib/server/core/secrets';
import { ANSWERS, personalize, TRANSFERS, WITHDRAW_REASONS } from './action-texts';
import { ANONYMOUS_SHARE, PROCESS_WEIGHTS, TYPE_WEIGHTS } from './demo-plan';
import { customerAt } from './people';
import { createSampler, type Random } from './random';
import { agentsOf, type SeedCatalog, type SeedProcess } from './read-catalog';
import { answerFigures, FollowUps } from './scale-followups';
import { decideLifecycle, type LifecycleClock } from './scale-lifecycle';
import { BatchInsert, createTermMemo, handleTargetsOf, type DayTable } from './scale-support';
import { COMPLAINT_TEXTS, fillText, OTHER_TEXTS, type CaseText } from './texts';

export interface ScaleCounts {
  cases: number;
  customers: number;
  events: number;
  pauses: number;
  consents: number;
  promises: number;
  resultRatings: number;
  qualityRatings: number;
  interactions: number;
}

export interface WriterArgs {
  sqlite: Database.Database;
  rnd: Random;
  catalog: SeedCatalog;
  cal: BusinessCalendar;
  receiptRule: ReceiptRule;
  table: DayTable;
  todayIdx: number;
  nowMs: number;
  customerPool: number;
  termVersions: (code: CaseType) => (readonly [number, number | null])[];
  sequences: Map<number, number>;
  prevHash: string | null;
  rangeStart: number;
}

const HOUR = 3_600_000;
// prettier-ignore
const CHANNELS: readonly Channel[] = ['web', 'email', 'phone', 'walk_in', 'whatsapp', 'chat', 'postal', 'api'];
const CHANNEL_WEIGHTS = [42, 20, 14, 9, 6, 5, 3, 1];
const STAFF_CHANNEL = [false, false, true, true, false, false, true, false];
// Filings by hour of day for the channels open all day: quiet at night, busiest mid-morning.
// prettier-ignore
const HOUR_WEIGHTS = [1, 0.5, 0.3, 0.3, 0.5, 1, 3, 6, 9, 10, 10, 9, 7, 8, 9, 9, 8, 7, 6, 5, 4, 3, 2, 1.5];
/** Filled-in variants per text: enough variety, without filling slots a million times. */
const VARIANTS = 12;
const ENDED: readonly CaseState[] = ['trasladada', 'desistida', 'fusionada'];
const INFO_REQUEST = 'Para continuar necesitamos copia de la factura y una foto del medidor.';

// prettier-ignore
const CASE_COLUMNS = ['id', 'radicado', 'type_code', 'state', 'channel', 'subject', 'description', 'priority', 'customer_id', 'is_anonymous', 'access_code_hash', 'response_medium', 'team_id', 'assignee_id', 'category_id', 'process_id', 'root_cause_id', 'received_at', 'term_days', 'due_date', 'due_at', 'is_paused', 'first_response_at', 'answered_at', 'first_answered_at', 'answer_delivered_at', 'answered_on_time', 'answer_business_days', 'sla_met', 'decision', 'closed_at', 'merged_into_id', 'transfer_destination', 'created_by_id', 'version', 'updated_at'];
// prettier-ignore
const EVENT_COLUMNS = ['case_id', 'action', 'actor_role', 'actor_id', 'from_state', 'to_state', 'visibility', 'body', 'data', 'created_at', 'prev_hash', 'hash'];
// prettier-ignore
const CUSTOMER_COLUMNS = ['id', 'document_type', 'document_number', 'full_name', 'email', 'phone', 'address', 'created_at'];

interface Variant {
  subject: string;
  description: string;
  cause: number;
  process: SeedProcess | undefined;
}

export function createCaseWriter(a: WriterArgs) {
  const { rnd, table, catalog, sqlite, nowMs } = a;
  const next = rnd.next;
  const clock: LifecycleClock = { next, table, todayIdx: a.todayIdx, nowMs };
  const termOf = createTermMemo(a.cal, a.receiptRule);
  const versions = new Map(CASE_TYPES.map((c) => [c, a.termVersions(c)]));
  const typeOf = createSampler(Object.entries(TYPE_WEIGHTS) as [CaseType, number][]);
  const channelOf = createSampler(CHANNEL_WEIGHTS.map((w, i) => [i, w] as const));
  const hourOf = createSampler(HOUR_WEIGHTS.map((w, i) => [i, w] as const));
  const variantsOf = (texts: readonly CaseText[], fixed?: SeedProcess): Variant[] =>
    texts.flatMap((text) =>
      Array.from({ length: VARIANTS }, () => ({
        subject: fillText(text.subject, rnd),
        description: fillText(text.description, rnd),
        cause: text.cause ?? 0,
        process: fixed ?? (text.process ? catalog.processByName.get(text.process) : undefined),
      })),
    );
  // Complaint texts per (type, process), drawn with the demo's process weights.
  const complaintsOf = (type: 'R' | 'Q') =>
    createSampler(
      catalog.processes.map((p) => {
        const texts = COMPLAINT_TEXTS[p.name]?.[type] ?? COMPLAINT_TEXTS['Facturación']![type];
        return [variantsOf(texts, p), PROCESS_WEIGHTS[type][p.name] ?? 5] as const;
      }),
    );
  const complaints = { R: complaintsOf('R'), Q: complaintsOf('Q') };
  const others = new Map(
    (Object.keys(OTHER_TEXTS) as (keyof typeof OTHER_TEXTS)[]).map((t) => [
      t,
      variantsOf(OTHER_TEXTS[t]),
    ]),
  );
  const atencion = catalog.teamIdByKey.atencion ?? catalog.teamIds[0]!;
  const teamAgents = new Map(catalog.teamIds.map((id) => [id, agentsOf(catalog, id)]));
  const curtAgentId = catalog.agents[2]?.id ?? -1;
  const handleTargets = handleTargetsOf(sqlite);

  const caseRows = new BatchInsert(sqlite, 'cases', CASE_COLUMNS, 32);
  const eventRows = new BatchInsert(sqlite, 'case_events', EVENT_COLUMNS);
  const pauseRows = new BatchInsert(sqlite, 'case_pauses', ['case_id', 'paused_at']);
  // prettier-ignore
  const consentRows = new BatchInsert(sqlite, 'consents', ['customer_id', 'case_id', 'policy_version', 'accepted_at', 'channel']);
  const followUps = new FollowUps(sqlite, next, nowMs, catalog.supervisors[0]?.id ?? null);

  const pool = a.customerPool;
  const firstNames: string[] = new Array<string>(pool);
  const hasEmail = new Uint8Array(pool);
  const lastCaseOf = new Int32Array(pool);
  const lastRadicadoOf: string[] = new Array<string>(pool);
  const repeatContacts = new Map<number, number>();
  let caseId = 0;
  let prevHash = a.prevHash;

  /** Appends one audit event, chained to the previous one exactly as appendEvent chains it. */
  function event(
    caseId: number,
    action: string,
    actorRole: ActorRole,
    actorId: number | null,
    fromState: CaseState | null,
    toState: CaseState | null,
    body: string | null,
    data: Record<string, unknown> | null,
    at: number,
  ): void {
    const visibility = action === 'take' || action === 'merged_in' ? 'internal' : 'public';
    const createdAt = new Date(at);
    // prettier-ignore
    const hash = hashEvent(prevHash, { caseId, action, actorRole, actorId, fromState, toState, visibility, body, data, createdAt });
    // prettier-ignore
    eventRows.add([caseId, action, actorRole, actorId, fromState, toState, visibility, body, data ? JSON.stringify(data) : null, at, prevHash, hash]);
    prevHash = hash;
  }

  function termDaysOf(type: CaseType, at: number): number | null {
    for (const [from, days] of versions.get(type)!) if (from <= at) return days;
    return null;
  }

  function writeCase(d: number, year: number, receivedMs: number, channelIdx: number): void {
    const id = ++caseId;
    const type = typeOf(next());
    const channel = CHANNELS[channelIdx]!;
    const seq = (a.sequences.get(year) ?? 0) + 1;
    a.sequences.set(year, seq);
    const radicado = formatRadicado(catalog.radicadoPrefix, year, seq);
    const isAnonymous = next() < (ANONYMOUS_SHARE[type] ?? 0) * 0.5;
    const c = isAnonymous ? -1 : Math.floor(next() * pool);
    const variants = type === 'R' || type === 'Q' ? complaints[type](next()) : others.get(type)!;
    const v = variants[Math.floor(next() * variants.length)]!;
    const isComplaint = type === 'Q' || type === 'R';
    const isFacturacion = v.process?.name === 'Facturación';
    const teamId = type === 'F' || type === 'D' || !v.process ? atencion : v.process.teamId;
    const agents = teamAgents.get(teamId)!;
    const agent = agents[next() < 0.55 ? 0 : agents.length - 1]!;
    const termDays = termDaysOf(type, receivedMs);
    const due = termDays === null ? null : termOf(table, d, receivedMs, termDays);
    const isStaffChannel = STAFF_CHANNEL[channelIdx]!;
    const life = decideLifecycle(clock, {
      type,
      day: d,
      receivedMs,
      termDays,
      canMerge: c >= 0 && lastCaseOf[c] !== 0,
      lateShare: isFacturacion ? 0.22 : 0.12,
    });
    const processId = isComplaint && life.isRouted ? (v.process?.id ?? null) : null;
    const rootCauseId = processId
      ? (v.process!.rootCauseIds[v.cause] ?? v.process!.rootCauseIds[0]!)
      : null;

    let version = 1;
    let updatedMs = receivedMs;
    /** A transition of this case, by its agent unless said otherwise. */
    const step = (
      action: string,
      from: CaseState,
      to: CaseState,
      body: string | null,
      data: Record<string, unknown> | null,
      at: number,
      role: ActorRole = 'agent',
    ) => {
      event(id, action, role, role === 'agent' ? agent.id : null, from, to, body, data, at);
      version++;
      updatedMs = at;
    };
    const dueDate = due === null ? null : due.dueDate;
    const filer = isStaffChannel ? agent.id : null;
    event(
      id,
      'radicar',
      isStaffChannel ? 'agent' : 'system',
      filer,
      null,
      'radicada',
      null,
      { channel, typeCode: type, dueDate, termDays },
      receivedMs,
    );
    if (life.handleMs >= 0) step('take', 'radicada', 'en_tramite', null, null, life.handleMs);
    const working: CaseState = life.handleMs >= 0 ? 'en_tramite' : 'radicada';
    if (life.pauseMs >= 0) {
      step('request_info', 'en_tramite', 'requiere_informacion', INFO_REQUEST, null, life.pauseMs);
      pauseRows.add([id, life.pauseMs]);
    }
    if (life.answerMs >= 0 && life.decision) {
      const texts = ANSWERS[life.decision];
      const nombre = c < 0 ? 'ciudadano(a)' : firstNames[c]!;
      const body = personalize(texts[id % texts.length]!, { nombre, radicado });
      step('answer', 'en_tramite', 'respondida', body, { decision: life.decision }, life.answerMs);
    }
    if (life.closeMs >= 0) {
      const from = type === 'F' ? working : 'respondida';
      step('close', from, 'cerrada', null, { processId, rootCauseId }, life.closeMs);
    }
    let transferTo: string | null = null;
    let mergedInto: number | null = null;
    if (life.terminal === 'transfer') {
      const t = TRANSFERS[id % TRANSFERS.length]!;
      transferTo = t.destination;
      step('transfer', working, 'trasladada', t.reason, { destination: t.destination }, life.endMs);
    } else if (life.terminal === 'withdraw') {
      const reason = WITHDRAW_REASONS[id % WITHDRAW_REASONS.length]!;
      step('withdraw', working, 'desistida', reason, { kind: 'expreso' }, life.endMs, 'customer');
    } else if (life.terminal === 'merge') {
      // A duplicate of the customer's previous case: a repeat contact counted on that one.
      mergedInto = lastCaseOf[c]!;
      repeatContacts.set(mergedInto, (repeatContacts.get(mergedInto) ?? 0) + 1);
      const target = { targetCaseId: mergedInto, targetRadicado: lastRadicadoOf[c] };
      step('merge', working, 'fusionada', null, target, life.endMs);
      const source = { sourceCaseId: id, sourceRadicado: radicado };
      event(mergedInto, 'merged_in', 'agent', agent.id, null, null, null, source, life.endMs);
    } else if (c >= 0) {
      lastCaseOf[c] = id;
      lastRadicadoOf[c] = radicado;
    }

    const isPaused = life.state === 'requiere_informacion';
    caseRows.addRecord({
      id,
      radicado,
      type_code: type,
      state: life.state,
      channel,
      subject: v.subject,
      description: v.description,
      priority: next() < 0.05 ? 'preferente' : 'normal',
      customer_id: c < 0 ? null : c + 1,
      is_anonymous: isAnonymous ? 1 : 0,
      access_code_hash: isAnonymous ? hashSecret(`SEED${id}${radicado}`) : null,
      response_medium: c >= 0 && hasEmail[c] === 0 ? 'postal' : 'email',
      team_id: life.isRouted ? teamId : null,
      assignee_id: life.isRouted ? agent.id : null,
      category_id: next() < 0.5 ? catalog.categoryIds[id % catalog.categoryIds.length] : null,
      process_id: processId,
      root_cause_id: rootCauseId,
      received_at: receivedMs,
      term_days: termDays,
      // Like the use cases: a pause clears the due date; transfer, withdrawal and merge the instant.
      due_date: isPaused ? null : dueDate,
      due_at: due === null || isPaused || ENDED.includes(life.state) ? null : due.dueAt,
      is_paused: isPaused ? 1 : 0,
      first_response_at:
        life.answerMs >= 0 ? life.answerMs : life.pauseMs >= 0 ? life.pauseMs : null,
      answered_at: life.answerMs >= 0 ? life.answerMs : null,
      ...answerFigures(table, d, life.answerMs, due?.dueAt ?? null, id),
      decision: life.decision,
      closed_at: life.closeMs >= 0 ? life.closeMs : life.endMs >= 0 ? life.endMs : null,
      merged_into_id: mergedInto,
      transfer_destination: transferTo,
      created_by_id: filer,
      version,
      updated_at: updatedMs,
    });

    // Every identified filing records the habeas-data consent given with it.
    if (c >= 0) consentRows.add([c + 1, id, catalog.privacyPolicyVersion, receivedMs, channel]);
    if (life.handleMs >= 0 && life.terminal === null && next() < 0.02) {
      followUps.promise(id, agent.id, teamId, life.handleMs);
    }
    if (life.answerMs >= 0) {
      followUps.handle(
        id,
        agent.id,
        life.answerMs,
        handleTargets.get(type) ?? 30,
        agent.id === curtAgentId,
      );
    }
    if (life.answerMs >= 0 && c >= 0 && next() < 0.12) {
      let dissatisfied = isComplaint && isFacturacion ? 0.28 : 0.05;
      if (due && life.answerMs > due.dueAt) dissatisfied += 0.05;
      followUps.rate(id, agent.id, life.answerMs, dissatisfied, agent.id === curtAgentId);
    }
  }

  return {
    insertCustomers(): void {
      const rows = new BatchInsert(sqlite, 'customers', CUSTOMER_COLUMNS);
      for (let i = 0; i < pool; i++) {
        const c = customerAt(i);
        firstNames[i] = c.fullName.slice(0, c.fullName.indexOf(' '));
        hasEmail[i] = c.email ? 1 : 0;
        // prettier-ignore
        rows.add([i + 1, c.documentType, c.documentNumber, c.fullName, c.email ?? null, c.phone ?? null, c.address, a.rangeStart]);
      }
      rows.flush();
    },

    /** The day's `count` filings, in time order. */
    insertDay(d: number, count: number): void {
      const start = table.starts[d]!;
      const length = table.starts[d + 1]! - start;
      // Today's filings all came in before now.
      const limit = Math.max(
        1,
        d === a.todayIdx ? Math.min(length, nowMs - start - 60_000) : length,
      );
      const isBusiness = table.isBusiness[d] === 1;
      const year = Number(table.dates[d]!.slice(0, 4));
      // Sort (time, channel) pairs packed in one number: offset × 16 + channel index.
      const keys = new Float64Array(count);
      for (let j = 0; j < count; j++) {
        let ch = channelOf(next());
        if (!isBusiness && STAFF_CHANNEL[ch]) ch = 0; // offices are closed: it came in by web
        const hour = STAFF_CHANNEL[ch] ? 8 + next() * 9 : hourOf(next()) + next();
        const offset = hour * HOUR < limit ? hour * HOUR : next() * limit;
        keys[j] = Math.floor(offset) * 16 + ch;
      }
      keys.sort();
      for (let j = 0; j < count; j++) {
        const key = keys[j]!;
        writeCase(d, year, start + Math.floor(key / 16), key % 16);
      }
    },

    written: () => caseId,

    /** Writes the rows still buffered; call before committing. */
    flush(): void {
      for (const rows of [caseRows, eventRows, pauseRows, consentRows]) rows.flush();
      followUps.flush();
    },

    finish(): ScaleCounts {
      const bump = sqlite.prepare(
        'UPDATE cases SET repeat_contact_count = ?, version = version + ? WHERE id = ?',
      );
      for (const [id, n] of repeatContacts) bump.run(n, n, id);
      const upsert = sqlite.prepare(
        `INSERT INTO radicado_sequences (prefix, year, last_value) VALUES (?, ?, ?)
         ON CONFLICT (prefix, year) DO UPDATE SET last_value = max(last_value, excluded.last_value)`,
      );
      for (const [year, last] of a.sequences) upsert.run(catalog.radicadoPrefix, year, last);
      return {
        cases: caseRows.inserted,
        customers: pool,
        events: eventRows.inserted,
        pauses: pauseRows.inserted,
        consents: consentRows.inserted,
        promises: followUps.promises.inserted,
        resultRatings: followUps.results.inserted,
        qualityRatings: followUps.quality.inserted + followUps.reviews.inserted,
        interactions: followUps.interactions.inserted,
      };
    },
  };
}
