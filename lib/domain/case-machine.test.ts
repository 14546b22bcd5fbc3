import { describe, expect, it } from 'vitest';
import {
  CASE_ACTIONS,
  CASE_ACTION_RULES,
  availableActions,
  decideTransition,
  isClockRunning,
  isTerminal,
  type ActionContext,
  type ActionInput,
  type CaseAction,
  type CaseSnapshot,
} from './case-machine';
import {
  ACTOR_ROLES,
  CASE_STATES,
  CASE_TYPES,
  type ActorRole,
  type CaseState,
  type CaseType,
} from './enums';

const RAD = 'radicada';
const ET = 'en_tramite';
const RI = 'requiere_informacion';
const RESP = 'respondida';
const CER = 'cerrada';
const TRAS = 'trasladada';
const DES = 'desistida';
const FUS = 'fusionada';
/** Refused because of the state. */
const X = 'STATE';
const NO_TERM = 'GUARD:no_legal_term';
const NO_SILENCE = 'GUARD:no_silence_rule';

type Expected = CaseState | typeof X | typeof NO_TERM | typeof NO_SILENCE;
/** Columns in CASE_STATES order: RAD, ET, RI, RESP, CER, TRAS, DES, FUS. */
type Row = readonly [
  Expected,
  Expected,
  Expected,
  Expected,
  Expected,
  Expected,
  Expected,
  Expected,
];

const CASE_ID = 1;
const ACTOR_ID = 5;

const FULL_INPUT: ActionInput = {
  assigneeId: 7,
  typeCode: 'R',
  categoryId: 3,
  processId: 11,
  rootCauseId: 12,
  priority: 'preferente',
  body: 'Texto de la actuación',
  kind: 'call',
  reason: 'Motivo',
  newDueDate: '2026-03-20',
  decision: 'concede',
  destination: 'Superintendencia de Servicios Públicos',
  targetCaseId: 99,
  relatedCaseId: 98,
  description: 'Le llamamos el jueves',
  dueAt: new Date('2026-03-05T21:00:00Z'),
  preferredAt: new Date('2026-03-06T15:00:00Z'),
};

/** A role the action allows, used where the role is not what is being tested. */
const ALLOWED_ROLE: Record<CaseAction, ActorRole> = {
  take: 'agent',
  assign: 'supervisor',
  reclassify: 'agent',
  reply: 'agent',
  note: 'agent',
  log_interaction: 'agent',
  request_info: 'agent',
  provide_info: 'customer',
  extend: 'agent',
  answer: 'agent',
  close: 'agent',
  reopen: 'agent',
  disagree: 'customer',
  transfer: 'agent',
  withdraw: 'agent',
  withdraw_tacit: 'system',
  merge: 'agent',
  link: 'agent',
  add_promise: 'agent',
  request_callback: 'customer',
  auto_close: 'system',
  ask_more_time: 'customer',
  accept_by_silence: 'system',
};

/** A context the action's guards accept, where the guards are not what is being tested. */
const ALLOWED_CONTEXT: Partial<Record<CaseAction, Partial<ActionContext>>> = {
  auto_close: { businessDaysSinceAnswer: 11 },
  ask_more_time: { isWaitingPeriodOver: false },
  accept_by_silence: { isTermExpired: true },
};

/** What the case must be for the action, where that is not what is being tested. */
const ALLOWED_SNAPSHOT: Partial<Record<CaseAction, Partial<CaseSnapshot>>> = {
  accept_by_silence: { type: 'PD' },
};

/** A state the action is allowed from, used where the state is not what is being tested. */
const ALLOWED_STATE: Record<CaseAction, CaseState> = {
  take: RAD,
  assign: RAD,
  reclassify: ET,
  reply: ET,
  note: ET,
  log_interaction: ET,
  request_info: ET,
  provide_info: RI,
  extend: ET,
  answer: ET,
  close: RESP,
  reopen: CER,
  disagree: RESP,
  transfer: ET,
  withdraw: RI,
  withdraw_tacit: RI,
  merge: ET,
  link: ET,
  add_promise: ET,
  request_callback: ET,
  auto_close: RESP,
  ask_more_time: RI,
  accept_by_silence: ET,
};

function makeSnapshot(overrides: Partial<CaseSnapshot> = {}): CaseSnapshot {
  return {
    id: CASE_ID,
    state: RAD,
    type: 'P',
    assigneeId: null,
    processId: null,
    rootCauseId: null,
    hasExtension: false,
    isAcceptedBySilence: false,
    ...overrides,
  };
}

function makeContext(
  role: ActorRole,
  overrides: Partial<Omit<ActionContext, 'actor'>> & { actorId?: number | null } = {},
): ActionContext {
  const { actorId = ACTOR_ID, ...rest } = overrides;
  return {
    actor: { role, id: actorId },
    businessDaysSinceFiling: 3,
    businessDaysSinceAnswer: 2,
    disagreementWindowDays: 10,
    isWaitingPeriodOver: true,
    hasMoreTime: false,
    isTermExpired: false,
    extensionRefusal: null,
    infoRequestWindowDays: 10,
    hasPositiveSilence: false,
    ...rest,
  };
}

function toExpectedDecision(from: CaseState, expected: Expected) {
  if (expected === X) return { ok: false, reason: 'STATE' };
  if (expected === NO_TERM) return { ok: false, reason: 'GUARD', guard: 'no_legal_term' };
  if (expected === NO_SILENCE) return { ok: false, reason: 'GUARD', guard: 'no_silence_rule' };
  return { ok: true, from, to: expected };
}

// prettier-ignore
const MATRIX: Record<CaseAction, Row> = {
  //                 radicada en_tram. req_inf. respond. cerrada  traslad. desist.  fusion.
  take:             [ET,      ET,      RI,      X,       X,       X,       X,       X],
  assign:           [ET,      ET,      RI,      X,       X,       X,       X,       X],
  reclassify:       [RAD,     ET,      RI,      X,       X,       X,       X,       X],
  reply:            [ET,      ET,      RI,      RESP,    X,       X,       X,       X],
  note:             [RAD,     ET,      RI,      RESP,    CER,     TRAS,    DES,     FUS],
  log_interaction:  [RAD,     ET,      RI,      RESP,    CER,     X,       X,       X],
  request_info:     [RI,      RI,      X,       X,       X,       X,       X,       X],
  provide_info:     [X,       X,       ET,      X,       X,       X,       X,       X],
  extend:           [RAD,     ET,      X,       X,       X,       X,       X,       X],
  answer:           [X,       RESP,    X,       X,       X,       X,       X,       X],
  close:            [X,       X,       X,       CER,     X,       X,       X,       X],
  reopen:           [X,       X,       X,       ET,      ET,      X,       X,       X],
  disagree:         [X,       X,       X,       ET,      ET,      X,       X,       X],
  transfer:         [TRAS,    TRAS,    X,       X,       X,       X,       X,       X],
  withdraw:         [DES,     DES,     DES,     X,       X,       X,       X,       X],
  withdraw_tacit:   [X,       X,       DES,     X,       X,       X,       X,       X],
  merge:            [FUS,     FUS,     FUS,     X,       X,       X,       X,       X],
  link:             [RAD,     ET,      RI,      RESP,    CER,     TRAS,    DES,     FUS],
  add_promise:      [RAD,     ET,      RI,      RESP,    X,       X,       X,       X],
  request_callback: [RAD,     ET,      RI,      RESP,    X,       X,       X,       X],
  auto_close:       [X,       X,       X,       CER,     X,       X,       X,       X],
  ask_more_time:    [X,       X,       RI,      X,       X,       X,       X,       X],
  accept_by_silence: [NO_SILENCE, NO_SILENCE, X, X,      X,       X,       X,       X],
};

/**
 * Documents requests (PD) are accepted by silence while their clock runs (art. 14.1); other types
 * only where the regime makes silence positive (guard rows below).
 */
// prettier-ignore
const MATRIX_PD: Record<CaseAction, Row> = {
  ...MATRIX,
  //                 radicada en_tram. req_inf. respond. cerrada  traslad. desist.  fusion.
  accept_by_silence: [RAD,    ET,      X,       X,       X,       X,       X,       X],
};

/** Felicitaciones differ only in close (also from radicada / en trámite) and extend (no legal term). */
// prettier-ignore
const MATRIX_F: Record<CaseAction, Row> = {
  ...MATRIX,
  //                 radicada en_tram. req_inf. respond. cerrada  traslad. desist.  fusion.
  extend:           [NO_TERM, NO_TERM, X,       X,       X,       X,       X,       X],
  close:            [CER,     CER,     X,       CER,     X,       X,       X,       X],
};

function expandMatrix(matrix: Record<CaseAction, Row>, types: readonly CaseType[]) {
  return types.flatMap((type) =>
    CASE_ACTIONS.flatMap((action) =>
      CASE_STATES.map((state, column) => ({
        type,
        action,
        state,
        expected: matrix[action][column]!,
      })),
    ),
  );
}

const TYPES_WITH_TERM = CASE_TYPES.filter((type) => type !== 'F' && type !== 'PD');

describe('decideTransition: state × action matrix', () => {
  it('covers every action', () => {
    expect(Object.keys(MATRIX).sort()).toEqual([...CASE_ACTIONS].sort());
  });

  it.each([
    ...expandMatrix(MATRIX, TYPES_WITH_TERM),
    ...expandMatrix(MATRIX_PD, ['PD']),
    ...expandMatrix(MATRIX_F, ['F']),
  ])('$type: $action from $state → $expected', ({ type, action, state, expected }) => {
    const decision = decideTransition(
      makeSnapshot({ state, type }),
      action,
      FULL_INPUT,
      makeContext(ALLOWED_ROLE[action], ALLOWED_CONTEXT[action]),
    );
    expect(decision).toEqual(toExpectedDecision(state, expected));
  });
});

// prettier-ignore
const REFUSED_ROLES: Record<CaseAction, readonly ActorRole[]> = {
  take:             ['customer', 'system'],
  assign:           ['agent', 'customer', 'system'],
  reclassify:       ['customer', 'system'],
  reply:            ['customer', 'system'],
  note:             ['customer', 'system'],
  log_interaction:  ['customer', 'system'],
  request_info:     ['customer', 'system'],
  provide_info:     ['agent', 'supervisor', 'admin'],
  extend:           ['customer', 'system'],
  answer:           ['customer', 'system'],
  close:            ['customer', 'system'],
  reopen:           ['customer', 'system'],
  disagree:         ['agent', 'supervisor', 'admin', 'system'],
  transfer:         ['customer', 'system'],
  withdraw:         ['system'],
  withdraw_tacit:   ['agent', 'supervisor', 'admin', 'customer'],
  merge:            ['customer', 'system'],
  link:             ['customer', 'system'],
  add_promise:      ['customer', 'system'],
  request_callback: ['agent', 'supervisor', 'admin', 'system'],
  auto_close:       ['agent', 'supervisor', 'admin', 'customer'],
  ask_more_time:    ['agent', 'supervisor', 'admin', 'system'],
  accept_by_silence: ['agent', 'supervisor', 'admin', 'customer'],
};

describe('decideTransition: roles', () => {
  const cases = CASE_ACTIONS.flatMap((action) =>
    ACTOR_ROLES.map((role) => ({ action, role, isRefused: REFUSED_ROLES[action].includes(role) })),
  );

  it.each(cases)('$action by $role: refused=$isRefused', ({ action, role, isRefused }) => {
    const snapshot = makeSnapshot({ state: ALLOWED_STATE[action], ...ALLOWED_SNAPSHOT[action] });
    const decision = decideTransition(
      snapshot,
      action,
      FULL_INPUT,
      makeContext(role, ALLOWED_CONTEXT[action]),
    );
    if (isRefused) expect(decision).toEqual({ ok: false, reason: 'ROLE' });
    else expect(decision.ok).toBe(true);
  });

  it('checks the role before the state', () => {
    const decision = decideTransition(
      makeSnapshot({ state: FUS }),
      'answer',
      FULL_INPUT,
      makeContext('customer'),
    );
    expect(decision).toEqual({ ok: false, reason: 'ROLE' });
  });
});

// prettier-ignore
const MISSING_WITH_EMPTY_INPUT: Record<CaseAction, readonly string[]> = {
  take:             [],
  assign:           ['assigneeId'],
  reclassify:       ['typeCode'],
  reply:            ['body'],
  note:             ['body'],
  log_interaction:  ['kind'],
  request_info:     ['body'],
  provide_info:     ['body'],
  extend:           ['reason', 'newDueDate'],
  answer:           ['body', 'decision'],
  close:            [],
  reopen:           ['reason'],
  disagree:         ['reason'],
  transfer:         ['destination', 'reason'],
  withdraw:         ['reason'],
  withdraw_tacit:   [],
  merge:            ['targetCaseId'],
  link:             ['relatedCaseId'],
  add_promise:      ['description', 'dueAt'],
  request_callback: ['preferredAt'],
  auto_close:       [],
  ask_more_time:    [],
  accept_by_silence: [],
};

describe('decideTransition: required fields', () => {
  it.each(CASE_ACTIONS.map((action) => ({ action, fields: MISSING_WITH_EMPTY_INPUT[action] })))(
    '$action with no input → missing $fields',
    ({ action, fields }) => {
      const snapshot = makeSnapshot({ state: ALLOWED_STATE[action], ...ALLOWED_SNAPSHOT[action] });
      const decision = decideTransition(
        snapshot,
        action,
        {},
        makeContext(ALLOWED_ROLE[action], ALLOWED_CONTEXT[action]),
      );
      if (fields.length === 0) expect(decision.ok).toBe(true);
      else expect(decision).toEqual({ ok: false, reason: 'MISSING_FIELDS', fields });
    },
  );

  it.each([
    { label: 'undefined', value: undefined },
    { label: 'null', value: null },
    { label: 'an empty string', value: '' },
    { label: 'a blank string', value: ' \t\n ' },
  ])('treats $label as missing', ({ value }) => {
    const decision = decideTransition(
      makeSnapshot({ state: ET }),
      'answer',
      { body: value, decision: 'niega' },
      makeContext('agent'),
    );
    expect(decision).toEqual({ ok: false, reason: 'MISSING_FIELDS', fields: ['body'] });
  });

  it.each([
    { label: 'zero', value: 0 },
    { label: 'false', value: false },
    { label: 'a padded string', value: '  sí  ' },
    { label: 'a date', value: new Date(0) },
    { label: 'an empty array', value: [] },
  ])('treats $label as present', ({ value }) => {
    const decision = decideTransition(
      makeSnapshot({ state: ET }),
      'answer',
      { body: value, decision: 'niega' },
      makeContext('agent'),
    );
    expect(decision).toEqual({ ok: true, from: ET, to: RESP });
  });

  it('lists only the fields still missing', () => {
    const decision = decideTransition(
      makeSnapshot({ state: ET }),
      'transfer',
      { reason: 'No es de nuestra competencia' },
      makeContext('agent'),
    );
    expect(decision).toEqual({ ok: false, reason: 'MISSING_FIELDS', fields: ['destination'] });
  });

  it.each(['typeCode', 'categoryId', 'processId', 'rootCauseId', 'priority'])(
    'reclassify is satisfied by %s alone',
    (field) => {
      const decision = decideTransition(
        makeSnapshot({ state: ET }),
        'reclassify',
        { [field]: field === 'typeCode' ? 'Q' : 4 },
        makeContext('agent'),
      );
      expect(decision).toEqual({ ok: true, from: ET, to: ET });
    },
  );

  it('reclassify with only blank values reports typeCode', () => {
    const decision = decideTransition(
      makeSnapshot({ state: ET }),
      'reclassify',
      { typeCode: '  ', categoryId: null, priority: '' },
      makeContext('agent'),
    );
    expect(decision).toEqual({ ok: false, reason: 'MISSING_FIELDS', fields: ['typeCode'] });
  });

  it('checks the state before the fields', () => {
    const decision = decideTransition(
      makeSnapshot({ state: RAD }),
      'answer',
      {},
      makeContext('agent'),
    );
    expect(decision).toEqual({ ok: false, reason: 'STATE' });
  });

  it('checks the fields before the guards', () => {
    const decision = decideTransition(
      makeSnapshot({ state: ET }),
      'request_info',
      {},
      makeContext('agent', { businessDaysSinceFiling: 30 }),
    );
    expect(decision).toEqual({ ok: false, reason: 'MISSING_FIELDS', fields: ['body'] });
  });
});

describe('decideTransition: closing', () => {
  const both = { processId: 11, rootCauseId: 12 };
  // prettier-ignore
  const complaintCases = (['Q', 'R'] as const).flatMap((type) => [
    { type, input: both,                 stored: {},                   missing: [] },
    { type, input: {},                   stored: both,                 missing: [] },
    { type, input: { processId: 11 },    stored: { rootCauseId: 12 },  missing: [] },
    { type, input: { rootCauseId: 12 },  stored: { processId: 11 },    missing: [] },
    { type, input: {},                   stored: {},                   missing: ['processId', 'rootCauseId'] },
    { type, input: { processId: 11 },    stored: {},                   missing: ['rootCauseId'] },
    { type, input: {},                   stored: { processId: 11 },    missing: ['rootCauseId'] },
    { type, input: { rootCauseId: 12 },  stored: {},                   missing: ['processId'] },
    { type, input: { processId: null },  stored: { rootCauseId: 12 },  missing: ['processId'] },
  ]);

  it.each(complaintCases)(
    '$type with input $input and stored $stored → missing $missing',
    ({ type, input, stored, missing }) => {
      const snapshot = makeSnapshot({ state: RESP, type, ...stored });
      const decision = decideTransition(snapshot, 'close', input, makeContext('agent'));
      if (missing.length === 0) expect(decision).toEqual({ ok: true, from: RESP, to: CER });
      else expect(decision).toEqual({ ok: false, reason: 'MISSING_FIELDS', fields: missing });
    },
  );

  it.each(['P', 'PD', 'C', 'S', 'D', 'F'] as const)(
    'a %s closes without process or root cause',
    (type) => {
      const decision = decideTransition(
        makeSnapshot({ state: RESP, type }),
        'close',
        {},
        makeContext('agent'),
      );
      expect(decision).toEqual({ ok: true, from: RESP, to: CER });
    },
  );

  it.each([RAD, ET] as const)('a Felicitación closes straight from %s', (state) => {
    const decision = decideTransition(
      makeSnapshot({ state, type: 'F' }),
      'close',
      {},
      makeContext('agent'),
    );
    expect(decision).toEqual({ ok: true, from: state, to: CER });
  });

  it.each(TYPES_WITH_TERM)('a %s cannot close from radicada', (type) => {
    const decision = decideTransition(
      makeSnapshot({ state: RAD, type }),
      'close',
      FULL_INPUT,
      makeContext('agent'),
    );
    expect(decision).toEqual({ ok: false, reason: 'STATE' });
  });
});

describe('decideTransition: guards', () => {
  // prettier-ignore
  const guardCases: readonly {
    label: string;
    action: CaseAction;
    snapshot?: Partial<CaseSnapshot>;
    ctx?: Parameters<typeof makeContext>[1];
    role?: ActorRole;
    input?: ActionInput;
    guard: string | null;
  }[] = [
    { label: 'take: unassigned', action: 'take', guard: null },
    { label: 'take: assigned to the agent', action: 'take', snapshot: { assigneeId: ACTOR_ID }, guard: null },
    { label: 'take: agent, assigned to another', action: 'take', snapshot: { assigneeId: 8 }, guard: 'assigned_to_other' },
    { label: 'take: agent without id, assigned', action: 'take', snapshot: { assigneeId: 8 }, ctx: { actorId: null }, guard: 'assigned_to_other' },
    { label: 'take: supervisor, assigned to another', action: 'take', role: 'supervisor', snapshot: { assigneeId: 8 }, guard: null },
    { label: 'take: admin, assigned to another', action: 'take', role: 'admin', snapshot: { assigneeId: 8 }, guard: null },
    { label: 'request_info: day 0', action: 'request_info', ctx: { businessDaysSinceFiling: 0 }, guard: null },
    { label: 'request_info: day 10', action: 'request_info', ctx: { businessDaysSinceFiling: 10 }, guard: null },
    { label: 'request_info: day 11', action: 'request_info', ctx: { businessDaysSinceFiling: 11 }, guard: 'info_request_window_passed' },
    { label: 'extend: first, within cap', action: 'extend', guard: null },
    { label: 'extend: Felicitación', action: 'extend', snapshot: { type: 'F' }, guard: 'no_legal_term' },
    { label: 'extend: Felicitación beats already extended', action: 'extend', snapshot: { type: 'F', hasExtension: true }, ctx: { extensionRefusal: 'beyond_cap' }, guard: 'no_legal_term' },
    { label: 'extend: second extension', action: 'extend', snapshot: { hasExtension: true }, guard: 'already_extended' },
    { label: 'extend: already extended beats the calendar', action: 'extend', snapshot: { hasExtension: true }, ctx: { extensionRefusal: 'beyond_cap' }, guard: 'already_extended' },
    { label: 'extend: calendar says beyond cap', action: 'extend', ctx: { extensionRefusal: 'beyond_cap' }, guard: 'beyond_cap' },
    { label: 'extend: calendar says expired', action: 'extend', ctx: { extensionRefusal: 'term_expired' }, guard: 'term_expired' },
    { label: 'disagree: inside the window', action: 'disagree', ctx: { businessDaysSinceAnswer: 9 }, guard: null },
    { label: 'disagree: last day of the window', action: 'disagree', ctx: { businessDaysSinceAnswer: 10 }, guard: null },
    { label: 'disagree: after the window', action: 'disagree', ctx: { businessDaysSinceAnswer: 11 }, guard: 'disagreement_window_passed' },
    { label: 'disagree: custom window', action: 'disagree', ctx: { businessDaysSinceAnswer: 6, disagreementWindowDays: 5 }, guard: 'disagreement_window_passed' },
    { label: 'disagree: no recorded answer', action: 'disagree', snapshot: { state: CER }, ctx: { businessDaysSinceAnswer: null }, guard: null },
    { label: 'auto_close: inside the window', action: 'auto_close', role: 'system', snapshot: { state: RESP }, ctx: { businessDaysSinceAnswer: 10 }, guard: 'disagreement_window_open' },
    { label: 'auto_close: after the window', action: 'auto_close', role: 'system', snapshot: { state: RESP }, ctx: { businessDaysSinceAnswer: 11 }, guard: null },
    { label: 'auto_close: no recorded answer', action: 'auto_close', role: 'system', snapshot: { state: RESP }, ctx: { businessDaysSinceAnswer: null }, guard: 'disagreement_window_open' },
    { label: 'withdraw_tacit: waiting over', action: 'withdraw_tacit', guard: null },
    { label: 'withdraw_tacit: still waiting', action: 'withdraw_tacit', ctx: { isWaitingPeriodOver: false }, guard: 'waiting_period_not_over' },
    { label: 'ask_more_time: first time, within the month', action: 'ask_more_time', role: 'customer', ctx: { isWaitingPeriodOver: false }, guard: null },
    { label: 'ask_more_time: asked before', action: 'ask_more_time', role: 'customer', ctx: { isWaitingPeriodOver: false, hasMoreTime: true }, guard: 'more_time_already_asked' },
    { label: 'ask_more_time: the month is over', action: 'ask_more_time', role: 'customer', ctx: { isWaitingPeriodOver: true }, guard: 'waiting_period_over' },
    { label: 'accept_by_silence: PD past its term', action: 'accept_by_silence', role: 'system', snapshot: { type: 'PD' }, ctx: { isTermExpired: true }, guard: null },
    { label: 'accept_by_silence: PD within its term', action: 'accept_by_silence', role: 'system', snapshot: { type: 'PD' }, ctx: { isTermExpired: false }, guard: 'term_not_expired' },
    { label: 'accept_by_silence: Ley 142 reclamo past its term', action: 'accept_by_silence', role: 'system', snapshot: { type: 'R' }, ctx: { isTermExpired: true, hasPositiveSilence: true }, guard: null },
    { label: 'accept_by_silence: general reclamo past its term', action: 'accept_by_silence', role: 'system', snapshot: { type: 'R' }, ctx: { isTermExpired: true }, guard: 'no_silence_rule' },
    { label: 'request_info: habeas-data day 5', action: 'request_info', ctx: { businessDaysSinceFiling: 5, infoRequestWindowDays: 5 }, guard: null },
    { label: 'request_info: habeas-data day 6', action: 'request_info', ctx: { businessDaysSinceFiling: 6, infoRequestWindowDays: 5 }, guard: 'info_request_window_passed' },
    { label: 'accept_by_silence: recorded before', action: 'accept_by_silence', role: 'system', snapshot: { type: 'PD', isAcceptedBySilence: true }, ctx: { isTermExpired: true }, guard: 'already_accepted_by_silence' },
    { label: 'merge: into another case', action: 'merge', guard: null },
    { label: 'merge: into itself', action: 'merge', input: { targetCaseId: CASE_ID }, guard: 'merge_into_self' },
    { label: 'link: to another case', action: 'link', guard: null },
    { label: 'link: to itself', action: 'link', input: { relatedCaseId: CASE_ID }, guard: 'link_to_self' },
  ];

  it.each(guardCases)('$label → $guard', ({ action, snapshot, ctx, role, input, guard }) => {
    const fullSnapshot = makeSnapshot({
      state: ALLOWED_STATE[action],
      ...ALLOWED_SNAPSHOT[action],
      ...snapshot,
    });
    const decision = decideTransition(
      fullSnapshot,
      action,
      { ...FULL_INPUT, ...input },
      makeContext(role ?? ALLOWED_ROLE[action], ctx),
    );
    if (guard === null) expect(decision.ok).toBe(true);
    else expect(decision).toEqual({ ok: false, reason: 'GUARD', guard });
  });
});

describe('availableActions', () => {
  // prettier-ignore
  const listCases: readonly { role: ActorRole; state: CaseState; type?: CaseType; actions: CaseAction[] }[] = [
    { role: 'agent', state: RAD, actions: ['take', 'reclassify', 'reply', 'note', 'log_interaction', 'request_info', 'extend', 'transfer', 'withdraw', 'merge', 'link', 'add_promise'] },
    { role: 'supervisor', state: ET, actions: ['take', 'assign', 'reclassify', 'reply', 'note', 'log_interaction', 'request_info', 'extend', 'answer', 'transfer', 'withdraw', 'merge', 'link', 'add_promise'] },
    { role: 'admin', state: RAD, type: 'F', actions: ['take', 'assign', 'reclassify', 'reply', 'note', 'log_interaction', 'request_info', 'extend', 'close', 'transfer', 'withdraw', 'merge', 'link', 'add_promise'] },
    { role: 'agent', state: RESP, actions: ['reply', 'note', 'log_interaction', 'close', 'reopen', 'link', 'add_promise'] },
    { role: 'agent', state: CER, actions: ['note', 'log_interaction', 'reopen', 'link'] },
    { role: 'supervisor', state: FUS, actions: ['note', 'link'] },
    { role: 'customer', state: RAD, actions: ['withdraw', 'request_callback'] },
    { role: 'customer', state: RI, actions: ['provide_info', 'withdraw', 'request_callback', 'ask_more_time'] },
    { role: 'customer', state: RESP, actions: ['disagree', 'request_callback'] },
    { role: 'customer', state: CER, actions: ['disagree'] },
    { role: 'customer', state: TRAS, actions: [] },
    { role: 'system', state: RI, actions: ['provide_info', 'withdraw_tacit'] },
    // By state and role alone; its guards decide whether the case's silence counts.
    { role: 'system', state: ET, actions: ['accept_by_silence'] },
    { role: 'system', state: RESP, actions: ['auto_close'] },
  ];

  it.each(listCases)('$role on $state', ({ role, state, type, actions }) => {
    expect(availableActions(makeSnapshot({ state, type }), makeContext(role))).toEqual(actions);
  });

  it('ignores guards: an agent sees take on a case assigned to someone else', () => {
    const snapshot = makeSnapshot({ state: ET, assigneeId: 8 });
    expect(availableActions(snapshot, makeContext('agent'))).toContain('take');
  });

  it('agrees with decideTransition for every role, state, type and action', () => {
    for (const type of CASE_TYPES) {
      for (const state of CASE_STATES) {
        for (const role of ACTOR_ROLES) {
          const snapshot = makeSnapshot({ state, type });
          const ctx = makeContext(role);
          const available = availableActions(snapshot, ctx);
          for (const action of CASE_ACTIONS) {
            const decision = decideTransition(snapshot, action, FULL_INPUT, ctx);
            const isRoleOrStateRefusal =
              !decision.ok && (decision.reason === 'ROLE' || decision.reason === 'STATE');
            expect(available.includes(action), `${type} ${state} ${role} ${action}`).toBe(
              !isRoleOrStateRefusal,
            );
          }
        }
      }
    }
  });
});

describe('state helpers', () => {
  // prettier-ignore
  const stateCases: readonly { state: CaseState; isRunning: boolean; isEnd: boolean }[] = [
    { state: RAD,  isRunning: true,  isEnd: false },
    { state: ET,   isRunning: true,  isEnd: false },
    { state: RI,   isRunning: false, isEnd: false },
    { state: RESP, isRunning: false, isEnd: false },
    { state: CER,  isRunning: false, isEnd: false },
    { state: TRAS, isRunning: false, isEnd: true },
    { state: DES,  isRunning: false, isEnd: true },
    { state: FUS,  isRunning: false, isEnd: true },
  ];

  it.each(stateCases)(
    '$state: clock running $isRunning, terminal $isEnd',
    ({ state, isRunning, isEnd }) => {
      expect(isClockRunning(state)).toBe(isRunning);
      expect(isTerminal(state)).toBe(isEnd);
    },
  );

  it('allows no action but note and link out of a terminal state', () => {
    for (const action of CASE_ACTIONS) {
      const leavesTerminal = (['trasladada', 'desistida', 'fusionada'] as const).some(
        (state) =>
          CASE_ACTION_RULES[action].from.includes(state) && action !== 'note' && action !== 'link',
      );
      expect(leavesTerminal, action).toBe(false);
    }
  });
});
