/**
 * One demo case's history as timed steps: handling, information requests, promises, the answer
 * (on time or late), disagreement, closing and the customer's ratings. Steps that would fall after
 * `now` are never planned, so a case's state at `now` follows from its age and its fate.
 */
import { addCalendarDays, countBusinessDays, nextBusinessDay } from '@/lib/domain/calendar';
import { computeLegalTerm, extensionCap, type Pause } from '@/lib/domain/legal-term';
import * as T from './action-texts';
import { answerFields, chooseDecision, planRating } from './demo-outcomes';
import { supervisorOf } from './read-catalog';

export type {
  ActorRef,
  CasePlan,
  DemoStep,
  Fate,
  HistoryArgs,
  RatingPlan,
  Scores,
  StepBody,
} from './demo-types';
import type { ActorRef, CasePlan, DemoStep, HistoryArgs, StepBody } from './demo-types';

const SYSTEM: ActorRef = { kind: 'system' };
const CUSTOMER: ActorRef = { kind: 'customer' };
const HOUR = 3_600_000;

const action = (name: string, fields: Record<string, unknown> = {}): StepBody => ({
  kind: 'action',
  input: { action: name, ...fields },
});

export function planHistory(a: HistoryArgs): CasePlan {
  const { rnd, clock, catalog } = a;
  const cal = clock.cal;
  const steps: DemoStep[] = [];
  const plan: CasePlan = {
    index: a.index,
    typeCode: a.draft.typeCode,
    fate: a.fate,
    receivedAt: a.draft.receivedAt,
    text: a.text,
    processName: a.processName,
    filing: a.filing,
    steps,
    caseId: null,
    radicado: null,
    promiseIds: new Map(),
  };
  const staff: ActorRef = { kind: 'staff', staff: a.agent };
  const push = (at: Date, actor: ActorRef, body: StepBody) => steps.push({ at, actor, body });
  const receivedAt = a.draft.receivedAt;
  const isComplaint = a.draft.typeCode === 'Q' || a.draft.typeCode === 'R';
  const process = a.process ?? (isComplaint ? catalog.processes[0] : undefined);
  const closeFields = (): Record<string, unknown> =>
    isComplaint && process
      ? {
          processId: process.id,
          rootCauseId: process.rootCauseIds[a.text.cause ?? 0] ?? process.rootCauseIds[0],
        }
      : {};
  let chains = 0;

  /** A promise made at `after`; kept, renegotiated or left to break. Returns when it was made. */
  const planPromise = (after: Date): Date => {
    const addAt = clock.workAfter(after, 0, 2);
    if (!addAt) return after;
    const dueDate = clock.businessDay(clock.dateOf(addAt), rnd.int(1, 4));
    const dueAt = clock.at(dueDate, rnd.pick([9, 10, 14, 16]) * 60);
    const chain = chains++;
    const input = {
      action: 'add_promise',
      description: rnd.pick(T.PROMISES),
      dueAt: dueAt.toISOString(),
    };
    push(addAt, staff, { kind: 'add_promise', chain, input });
    const before = (from: Date, to: Date): Date | null => {
      const start = from.getTime() + 10 * 60_000;
      const end = Math.min(to.getTime(), clock.now.getTime() - 60_000);
      return start < end ? new Date(start + Math.floor(rnd.next() * (end - start))) : null;
    };
    const breakLater = (due: Date) => {
      const at = new Date(due.getTime() + 15 * HOUR);
      if (rnd.chance(0.5) && at < clock.now)
        push(at, SYSTEM, { kind: 'promise', chain, input: { action: 'break' } });
    };
    const r = rnd.next();
    if (r < 0.55) {
      const at = before(addAt, dueAt);
      if (at) push(at, staff, { kind: 'promise', chain, input: { action: 'keep' } });
    } else if (r < 0.78) {
      const at = before(addAt, dueAt);
      if (!at) return addAt;
      const newDueAt = clock.at(
        clock.businessDay(dueDate, rnd.int(1, 4)),
        rnd.pick([9, 11, 15]) * 60,
      );
      const reason = rnd.pick(T.RENEGOTIATION_REASONS);
      push(at, staff, {
        kind: 'promise',
        chain,
        input: { action: 'renegotiate', newDueAt: newDueAt.toISOString(), reason },
      });
      const keepAt = rnd.chance(0.6) ? before(at, newDueAt) : null;
      if (keepAt) push(keepAt, staff, { kind: 'promise', chain, input: { action: 'keep' } });
      else breakLater(newDueAt);
    } else {
      breakLater(dueAt);
    }
    return addAt;
  };

  const creator: ActorRef = a.isStaffChannel ? staff : SYSTEM;
  push(receivedAt, creator, { kind: 'create', filing: a.filing });
  let t = receivedAt;
  if (a.fate === 'radicada') return plan;
  if (a.fate === 'merge' && a.mergeTarget) {
    const at = clock.workAfter(t, 0, 1);
    if (at) push(at, staff, { kind: 'merge', target: a.mergeTarget });
    return plan;
  }
  if (a.fate === 'withdraw') {
    const at = clock.customerAfter(t, 1, 8);
    if (at) push(at, CUSTOMER, action('withdraw', { reason: rnd.pick(T.WITHDRAW_REASONS) }));
    return plan;
  }

  // Handling starts: an agent takes the case from the pool, or the supervisor assigns it.
  const startAt = clock.workAfter(t, 0, 1);
  if (!startAt) return plan;
  if (rnd.chance(0.3)) {
    const supervisor: ActorRef = { kind: 'staff', staff: supervisorOf(catalog, a.teamId) };
    push(startAt, supervisor, action('assign', { assigneeId: a.agent.id }));
  } else {
    push(startAt, staff, action('take'));
  }
  t = startAt;
  // Complaints are attributed to their originating process early, so open ones count in the view.
  if (isComplaint && rnd.chance(0.75)) {
    const at = clock.workAfter(t, 0, 1);
    if (at) {
      push(at, staff, action('reclassify', closeFields()));
      t = at;
    }
  }

  if (a.fate === 'transfer') {
    const at = clock.workAfter(t, 0, 3);
    if (at) push(at, staff, action('transfer', rnd.pick(T.TRANSFERS)));
    return plan;
  }
  if (a.fate === 'felicitacion') {
    const replyAt = clock.workAfter(t, 0, 1);
    if (!replyAt) return plan;
    push(replyAt, staff, action('reply', { body: rnd.pick(T.THANKS) }));
    const closeAt = clock.workAfter(replyAt, 0, 2);
    if (closeAt) push(closeAt, staff, action('close'));
    return plan;
  }

  const pauses: Pause[] = [];
  const wantsInfo =
    a.fate === 'info_pending' || a.fate === 'tacit' || (a.fate !== 'working' && rnd.chance(0.1));
  if (wantsInfo) {
    const at = clock.workAfter(t, 1, 3);
    const filedOn = clock.dateOf(receivedAt);
    if (at && countBusinessDays(filedOn, clock.dateOf(at), cal) <= 10) {
      push(at, staff, action('request_info', { body: rnd.pick(T.INFO_REQUESTS) }));
      t = at;
      if (a.fate === 'info_pending') return plan;
      if (a.fate === 'tacit') {
        // Art. 17: a month without the information ends the case (the nightly job, early morning).
        const day = addCalendarDays(clock.dateOf(at), rnd.int(32, 36));
        const end = day <= clock.today ? clock.timeOn(day, at, 6 * 60, 7 * 60) : null;
        if (end) push(end, SYSTEM, action('withdraw_tacit'));
        return plan;
      }
      const back = clock.customerAfter(t, 1, 8);
      if (!back) return plan;
      push(back, CUSTOMER, action('provide_info', { body: rnd.pick(T.INFO_PROVIDED) }));
      pauses.push({ pausedAt: at, resumedAt: back });
      t = back;
    }
  }

  if (rnd.chance(0.4)) {
    const at = clock.workAfter(t, 0, 2);
    if (at) {
      push(at, staff, action('reply', { body: rnd.pick(T.REPLIES) }));
      t = at;
    }
  }
  if (rnd.chance(0.12)) {
    const at = clock.workAfter(t, 0, 2);
    if (at) {
      const fields = {
        kind: 'call',
        direction: 'outbound',
        durationSeconds: rnd.int(60, 900),
        outcome: rnd.pick(T.CALL_OUTCOMES),
        body: 'Llamada al cliente sobre el estado de su caso.',
      };
      push(at, staff, action('log_interaction', fields));
      t = at;
    }
  }
  if (rnd.chance(0.25)) t = planPromise(t);
  if (a.fate !== 'answered' || a.termDays === null) return plan;

  // The answer: on time, late, or on time thanks to an extension (prórroga).
  const termInput = { receivedAt, termDays: a.termDays, pauses, receiptRule: a.receiptRule };
  const term = computeLegalTerm(termInput, cal);
  if (term.status !== 'running') return plan;
  let dueDate = term.dueDate;
  if (rnd.chance(0.07)) {
    const days = clock.businessDaysBetween(clock.dateOf(t), dueDate).slice(-3);
    const at = clock.workOnOneOf(days, t);
    const cap = extensionCap(termInput, cal);
    let newDue = clock.businessDay(dueDate, rnd.int(3, Math.max(3, Math.floor(a.termDays / 2))));
    if (cap !== null && newDue > cap) newDue = cap;
    if (at && newDue > dueDate) {
      push(
        at,
        staff,
        action('extend', { reason: rnd.pick(T.EXTENSION_REASONS), newDueDate: newDue }),
      );
      t = at;
      dueDate = newDue;
    }
  }
  const isLate = dueDate < clock.today && rnd.chance(a.processName === 'Facturación' ? 0.25 : 0.1);
  const onTimeDays = clock.businessDaysBetween(
    clock.dateOf(t),
    dueDate < clock.today ? dueDate : clock.today,
  );
  const lateEnd = clock.businessDay(dueDate, 8);
  const lateDays = clock.businessDaysBetween(
    nextBusinessDay(dueDate, cal),
    lateEnd < clock.today ? lateEnd : clock.today,
  );
  let answerAt = clock.workOnOneOf(isLate ? lateDays : onTimeDays, t);
  if (!answerAt && isLate) answerAt = clock.workOnOneOf(onTimeDays, t);
  if (!answerAt) return plan;
  let decision = chooseDecision(rnd, a.draft.typeCode);
  push(answerAt, staff, action('answer', answerFields(a, rnd, decision, dueDate)));
  // On time means notified: the answer leaves minutes later (a letter is posted that day).
  push(new Date(answerAt.getTime() + 3 * 60_000), staff, { kind: 'deliver' });
  t = answerAt;

  const disagrees = a.isIdentified && rnd.chance(0.07);
  if (disagrees || rnd.chance(0.025)) {
    const at = disagrees
      ? clock.anyTime(clock.businessDay(clock.dateOf(t), rnd.int(1, 8)), t)
      : clock.workAfter(t, 1, 6);
    if (at) {
      push(
        at,
        disagrees ? CUSTOMER : staff,
        disagrees
          ? action('disagree', { reason: rnd.pick(T.DISAGREE_REASONS) })
          : action('reopen', { reason: rnd.pick(T.REOPEN_REASONS) }),
      );
      const again = clock.workAfter(at, 2, 7);
      if (!again) return plan;
      decision = decision === 'niega' ? 'concede_parcial' : decision;
      push(again, staff, action('answer', answerFields(a, rnd, decision, dueDate)));
      t = answerAt = again;
    }
  }
  if (rnd.chance(0.82)) {
    const at = clock.workAfter(t, 1, 5);
    if (at) push(at, staff, action('close', closeFields()));
  }
  if (a.isIdentified && rnd.chance(0.75)) {
    const at = clock.customerAfter(answerAt, 0, 3);
    const isLateAnswer = clock.dateOf(answerAt) > dueDate;
    if (at)
      push(at, CUSTOMER, { kind: 'rate', rating: planRating(a, rnd, decision, isLateAnswer) });
  }
  return plan;
}
