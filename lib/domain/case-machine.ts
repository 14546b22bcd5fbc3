/**
 * The case state machine (DOMAIN.md §4) as data plus pure functions.
 * The server verb that applies an action asks `decideTransition` first and writes nothing on a
 * refusal.
 */
import {
  CASE_STATES,
  COMPLAINT_TYPES,
  STAFF_ROLES,
  TERMINAL_STATES,
  type ActorRole,
  type CaseState,
  type CaseType,
} from './enums';

// prettier-ignore
export const CASE_ACTIONS = [
  'take', 'assign', 'reclassify', 'reply', 'note', 'log_interaction',
  'request_info', 'provide_info', 'extend', 'answer', 'close', 'reopen', 'disagree',
  'transfer', 'withdraw', 'withdraw_tacit', 'merge', 'link', 'add_promise', 'request_callback',
  'auto_close', 'ask_more_time', 'accept_by_silence',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

export interface CaseSnapshot {
  id: number;
  state: CaseState;
  type: CaseType;
  assigneeId: number | null;
  processId: number | null;
  rootCauseId: number | null;
  hasExtension: boolean;
  /** A PD request already recorded as accepted by silence (art. 14.1). */
  isAcceptedBySilence: boolean;
}

/** Facts the caller computes (business-day counts, calendar checks): the machine reads no clock. */
export interface ActionContext {
  actor: { role: ActorRole; id: number | null };
  businessDaysSinceFiling: number;
  businessDaysSinceAnswer: number | null;
  disagreementWindowDays: number;
  isWaitingPeriodOver: boolean;
  /** The petitioner already asked for the extra month of the open information request. */
  hasMoreTime: boolean;
  /** The legal term ran out unanswered: its due instant is past and the clock is not paused. */
  isTermExpired: boolean;
  /** Guard code from the caller's calendar check of the new due date; `null` when it fits. */
  extensionRefusal: string | null;
  /** Business days after radication within which information may be asked for (the regime's). */
  infoRequestWindowDays: number;
  /**
   * The case's regime makes silence at expiry a favourable answer for its type (Ley 142 art. 158:
   * silencio administrativo positivo); a PD request has its own silence rule (art. 14.1).
   */
  hasPositiveSilence: boolean;
}

/** A field counts as given when it is not undefined/null and, for strings, not blank after trim. */
export type ActionInput = Readonly<Record<string, unknown>>;

export type TransitionRefusalReason = 'ROLE' | 'STATE' | 'MISSING_FIELDS' | 'GUARD';

export type TransitionDecision =
  | { ok: true; from: CaseState; to: CaseState }
  | { ok: false; reason: TransitionRefusalReason; fields?: string[]; guard?: string };

/**
 * Where an action leads: `stay` keeps the state; `start` moves `radicada` to `en_tramite` (the
 * first staff work on a case starts its handling) and keeps any other state; else the named state.
 */
export type CaseActionTarget = 'stay' | 'start' | CaseState;

/** Returns a guard code when the action must be refused, `null` when it may proceed. */
export type CaseActionGuard = (
  snapshot: CaseSnapshot,
  input: ActionInput,
  ctx: ActionContext,
) => string | null;

export interface CaseActionRule {
  readonly from: readonly CaseState[];
  /** Extra source states allowed only for some case types. */
  readonly fromForTypes?: {
    readonly types: readonly CaseType[];
    readonly states: readonly CaseState[];
  };
  readonly to: CaseActionTarget;
  readonly roles: readonly ActorRole[];
  readonly required?: readonly string[];
  /** At least one of `fields` must be given; reported missing as `reportAs`. */
  readonly requiredAnyOf?: { readonly fields: readonly string[]; readonly reportAs: string };
  /** For complaints (Q, R): each field must be in the input or already set on the snapshot. */
  readonly requiredForComplaints?: readonly ('processId' | 'rootCauseId')[];
  /** Checked in order; the first code returned refuses the action. */
  readonly guards?: readonly CaseActionGuard[];
}

const STAFF: readonly ActorRole[] = STAFF_ROLES;
const WORKING: readonly CaseState[] = ['radicada', 'en_tramite', 'requiere_informacion'];
const ANSWERABLE: readonly CaseState[] = [...WORKING, 'respondida'];
const ANSWERED: readonly CaseState[] = ['respondida', 'cerrada'];
/** The legal clock runs while an answer is owed and nobody is waiting on the customer. */
const CLOCK_RUNNING: readonly CaseState[] = ['radicada', 'en_tramite'];

/** Felicitaciones carry no legal term: they can be closed straight away and never extended. */
const TYPES_WITHOUT_LEGAL_TERM: readonly CaseType[] = ['F'];

export const CASE_ACTION_RULES: Readonly<Record<CaseAction, CaseActionRule>> = {
  take: {
    from: WORKING,
    to: 'start',
    roles: STAFF,
    guards: [
      (snapshot, _input, ctx) =>
        ctx.actor.role === 'agent' &&
        snapshot.assigneeId !== null &&
        snapshot.assigneeId !== ctx.actor.id
          ? 'assigned_to_other'
          : null,
    ],
  },
  assign: {
    from: WORKING,
    to: 'start',
    roles: ['supervisor', 'admin'],
    required: ['assigneeId'],
  },
  reclassify: {
    from: WORKING,
    to: 'stay',
    roles: STAFF,
    requiredAnyOf: {
      fields: ['typeCode', 'categoryId', 'processId', 'rootCauseId', 'priority'],
      reportAs: 'typeCode',
    },
  },
  reply: { from: ANSWERABLE, to: 'start', roles: STAFF, required: ['body'] },
  note: { from: CASE_STATES, to: 'stay', roles: STAFF, required: ['body'] },
  log_interaction: {
    from: [...ANSWERABLE, 'cerrada'],
    to: 'stay',
    roles: STAFF,
    required: ['kind'],
  },
  request_info: {
    from: CLOCK_RUNNING,
    to: 'requiere_informacion',
    roles: STAFF,
    required: ['body'],
    guards: [
      (_snapshot, _input, ctx) =>
        // Art. 17: within 10 business days of radication (5 for a habeas-data claim).
        ctx.businessDaysSinceFiling > ctx.infoRequestWindowDays
          ? 'info_request_window_passed'
          : null,
    ],
  },
  provide_info: {
    from: ['requiere_informacion'],
    to: 'en_tramite',
    roles: ['customer', 'system'],
    required: ['body'],
  },
  extend: {
    from: CLOCK_RUNNING,
    to: 'stay',
    roles: STAFF,
    required: ['reason', 'newDueDate'],
    guards: [
      (snapshot) => (TYPES_WITHOUT_LEGAL_TERM.includes(snapshot.type) ? 'no_legal_term' : null),
      (snapshot) => (snapshot.hasExtension ? 'already_extended' : null),
      (_snapshot, _input, ctx) => ctx.extensionRefusal,
    ],
  },
  answer: {
    from: ['en_tramite'],
    to: 'respondida',
    roles: STAFF,
    required: ['body', 'decision'],
  },
  close: {
    from: ['respondida'],
    fromForTypes: { types: TYPES_WITHOUT_LEGAL_TERM, states: ['radicada', 'en_tramite'] },
    to: 'cerrada',
    roles: STAFF,
    requiredForComplaints: ['processId', 'rootCauseId'],
  },
  /** The scheduled job closes an answered case once the customer's window to disagree is over. */
  auto_close: {
    from: ['respondida'],
    to: 'cerrada',
    roles: ['system'],
    requiredForComplaints: ['processId', 'rootCauseId'],
    guards: [
      (_snapshot, _input, ctx) =>
        ctx.businessDaysSinceAnswer !== null &&
        ctx.businessDaysSinceAnswer > ctx.disagreementWindowDays
          ? null
          : 'disagreement_window_open',
    ],
  },
  reopen: { from: ANSWERED, to: 'en_tramite', roles: STAFF, required: ['reason'] },
  disagree: {
    from: ANSWERED,
    to: 'en_tramite',
    roles: ['customer'],
    required: ['reason'],
    guards: [
      // No recorded answer (a Felicitación closed directly): there is no window to have passed.
      (_snapshot, _input, ctx) =>
        ctx.businessDaysSinceAnswer !== null &&
        ctx.businessDaysSinceAnswer > ctx.disagreementWindowDays
          ? 'disagreement_window_passed'
          : null,
    ],
  },
  transfer: {
    from: CLOCK_RUNNING,
    to: 'trasladada',
    roles: STAFF,
    required: ['destination', 'reason'],
  },
  withdraw: {
    from: WORKING,
    to: 'desistida',
    roles: [...STAFF, 'customer'],
    required: ['reason'],
  },
  withdraw_tacit: {
    from: ['requiere_informacion'],
    to: 'desistida',
    roles: ['system'],
    guards: [
      (_snapshot, _input, ctx) => (ctx.isWaitingPeriodOver ? null : 'waiting_period_not_over'),
    ],
  },
  merge: {
    from: WORKING,
    to: 'fusionada',
    roles: STAFF,
    required: ['targetCaseId'],
    guards: [(snapshot, input) => (input.targetCaseId === snapshot.id ? 'merge_into_self' : null)],
  },
  link: {
    from: CASE_STATES,
    to: 'stay',
    roles: STAFF,
    required: ['relatedCaseId'],
    guards: [(snapshot, input) => (input.relatedCaseId === snapshot.id ? 'link_to_self' : null)],
  },
  add_promise: {
    from: ANSWERABLE,
    to: 'stay',
    roles: STAFF,
    required: ['description', 'dueAt'],
  },
  request_callback: {
    from: ANSWERABLE,
    to: 'stay',
    roles: ['customer'],
    required: ['preferredAt'],
  },
  // Art. 14.1: a documents request unanswered by its 10th business day counts as accepted; under
  // Ley 142 (public utilities) any petition, complaint or appeal unanswered at expiry does.
  accept_by_silence: {
    from: CLOCK_RUNNING,
    to: 'stay',
    roles: ['system'],
    guards: [
      (snapshot, _input, ctx) =>
        snapshot.type === 'PD' || ctx.hasPositiveSilence ? null : 'no_silence_rule',
      (snapshot) => (snapshot.isAcceptedBySilence ? 'already_accepted_by_silence' : null),
      (_snapshot, _input, ctx) => (ctx.isTermExpired ? null : 'term_not_expired'),
    ],
  },
  // Art. 17: asked for missing information, the petitioner may ask once for one more month.
  ask_more_time: {
    from: ['requiere_informacion'],
    to: 'stay',
    roles: ['customer'],
    guards: [
      (_snapshot, _input, ctx) => (ctx.hasMoreTime ? 'more_time_already_asked' : null),
      (_snapshot, _input, ctx) => (ctx.isWaitingPeriodOver ? 'waiting_period_over' : null),
    ],
  },
};

export function isClockRunning(state: CaseState): boolean {
  return CLOCK_RUNNING.includes(state);
}

/** `cerrada` is not terminal: a closed case can be reopened or disagreed with. */
export function isTerminal(state: CaseState): boolean {
  return TERMINAL_STATES.includes(state);
}

function isFieldPresent(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  return true;
}

function isStateAllowed(rule: CaseActionRule, snapshot: CaseSnapshot): boolean {
  if (rule.from.includes(snapshot.state)) return true;
  const extra = rule.fromForTypes;
  return (
    extra !== undefined &&
    extra.types.includes(snapshot.type) &&
    extra.states.includes(snapshot.state)
  );
}

function findMissingFields(
  rule: CaseActionRule,
  snapshot: CaseSnapshot,
  input: ActionInput,
): string[] {
  const missing = (rule.required ?? []).filter((field) => !isFieldPresent(input[field]));
  const anyOf = rule.requiredAnyOf;
  if (anyOf !== undefined && !anyOf.fields.some((field) => isFieldPresent(input[field]))) {
    missing.push(anyOf.reportAs);
  }
  if (rule.requiredForComplaints !== undefined && COMPLAINT_TYPES.includes(snapshot.type)) {
    for (const field of rule.requiredForComplaints) {
      if (!isFieldPresent(input[field]) && snapshot[field] === null) missing.push(field);
    }
  }
  return missing;
}

function resolveTarget(target: CaseActionTarget, from: CaseState): CaseState {
  if (target === 'stay') return from;
  if (target === 'start') return from === 'radicada' ? 'en_tramite' : from;
  return target;
}

/** Checks role, then state, then required fields, then guards; the first failing check decides. */
export function decideTransition(
  snapshot: CaseSnapshot,
  action: CaseAction,
  input: ActionInput,
  ctx: ActionContext,
): TransitionDecision {
  const rule = CASE_ACTION_RULES[action];
  if (!rule.roles.includes(ctx.actor.role)) return { ok: false, reason: 'ROLE' };
  if (!isStateAllowed(rule, snapshot)) return { ok: false, reason: 'STATE' };
  const fields = findMissingFields(rule, snapshot, input);
  if (fields.length > 0) return { ok: false, reason: 'MISSING_FIELDS', fields };
  for (const guard of rule.guards ?? []) {
    const code = guard(snapshot, input, ctx);
    if (code !== null) return { ok: false, reason: 'GUARD', guard: code };
  }
  return { ok: true, from: snapshot.state, to: resolveTarget(rule.to, snapshot.state) };
}

/** Actions the actor may attempt now: role and state only, inputs and guards ignored. */
export function availableActions(snapshot: CaseSnapshot, ctx: ActionContext): CaseAction[] {
  return CASE_ACTIONS.filter((action) => {
    const rule = CASE_ACTION_RULES[action];
    return rule.roles.includes(ctx.actor.role) && isStateAllowed(rule, snapshot);
  });
}
