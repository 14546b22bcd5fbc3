/** The scale seed's promises and ratings: a small share of cases, written beside them. */
import type Database from 'better-sqlite3';
import { BatchInsert, dayIndexAt, type DayTable } from './scale-support';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const PROMISE = 'Le devolveremos la llamada para confirmar la solución';

// prettier-ignore
const PROMISE_COLUMNS = ['id', 'case_id', 'description', 'owner_id', 'team_id', 'due_at', 'status', 'resolved_at', 'predecessor_id', 'renegotiation_reason', 'created_by_id', 'created_at'];

// prettier-ignore
const INTERACTION_COLUMNS = ['case_id', 'kind', 'direction', 'staff_id', 'is_canned', 'handle_seconds', 'created_at'];
// prettier-ignore
const REVIEW_COLUMNS = ['case_id', 'source', 'reviewer_id', 'agent_id', 'greeting', 'clarity', 'empathy', 'accuracy', 'personal_touch', 'created_at'];

/**
 * The first-answer figures the use case fixes (answer-figures.ts), from the day table: counted
 * business days from the filing day to the answer day (the scale seed's pauses are not subtracted)
 * and, for the service level, a deterministic 80 % of on-time answers.
 */
export function answerFigures(
  table: DayTable,
  receivedDay: number,
  answerMs: number,
  dueAtMs: number | null,
  id: number,
) {
  if (answerMs < 0) {
    return {
      first_answered_at: null,
      answer_delivered_at: null,
      answered_on_time: null,
      answer_business_days: null,
      sla_met: null,
    };
  }
  const onTime = dueAtMs === null ? null : answerMs <= dueAtMs ? 1 : 0;
  const answerDay = dayIndexAt(table, answerMs);
  const days = table.cumBusiness[answerDay]! - table.cumBusiness[receivedDay]!;
  return {
    first_answered_at: answerMs,
    // Delivered as it was sent (the legal result is the delivery's: answer-delivery.ts).
    answer_delivered_at: answerMs,
    answered_on_time: onTime,
    answer_business_days: dueAtMs === null ? null : Math.max(0, days),
    sla_met: onTime === null ? null : onTime === 1 && (id * 2654435761) % 100 < 80 ? 1 : 0,
  };
}

export class FollowUps {
  readonly promises: BatchInsert;
  readonly results: BatchInsert;
  readonly quality: BatchInsert;
  readonly interactions: BatchInsert;
  readonly reviews: BatchInsert;
  private promiseId = 0;

  constructor(
    sqlite: Database.Database,
    private readonly next: () => number,
    private readonly nowMs: number,
    private readonly reviewerId: number | null,
  ) {
    this.interactions = new BatchInsert(sqlite, 'interactions', INTERACTION_COLUMNS);
    this.reviews = new BatchInsert(sqlite, 'quality_ratings', REVIEW_COLUMNS);
    this.promises = new BatchInsert(sqlite, 'promises', PROMISE_COLUMNS, 32);
    this.results = new BatchInsert(sqlite, 'result_ratings', ['case_id', 'answer', 'created_at']);
    // prettier-ignore
    this.quality = new BatchInsert(sqlite, 'quality_ratings', ['case_id', 'source', 'agent_id', 'courtesy', 'clarity', 'created_at']);
  }

  /** A promise made an hour after the case was taken: kept, broken, pending or renegotiated. */
  promise(caseId: number, ownerId: number, teamId: number, handleMs: number): void {
    const createdMs = handleMs + HOUR;
    if (createdMs >= this.nowMs) return;
    const dueMs = createdMs + (1 + Math.floor(this.next() * 4)) * DAY;
    const row = (
      id: number,
      due: number,
      status: string,
      resolved: number | null,
      previous: number | null,
      at: number,
    ) => ({
      id,
      case_id: caseId,
      description: PROMISE,
      owner_id: ownerId,
      team_id: teamId,
      due_at: due,
      status,
      resolved_at: resolved,
      predecessor_id: previous,
      renegotiation_reason: previous ? 'El cliente pidió otra fecha.' : null,
      created_by_id: ownerId,
      created_at: at,
    });
    const id = ++this.promiseId;
    const r = this.next();
    if (dueMs > this.nowMs) {
      this.promises.addRecord(row(id, dueMs, 'pending', null, null, createdMs));
    } else if (r < 0.6) {
      this.promises.addRecord(
        row(id, dueMs, 'kept', dueMs - Math.floor(this.next() * HOUR), null, createdMs),
      );
    } else if (r < 0.75 && dueMs + 15 * HOUR < this.nowMs) {
      // The nightly job marked it broken; others stay pending past due, which reads as broken.
      this.promises.addRecord(row(id, dueMs, 'broken', dueMs + 15 * HOUR, null, createdMs));
    } else if (r < 0.88) {
      this.promises.addRecord(row(id, dueMs, 'pending', null, null, createdMs));
    } else {
      const renegotiatedMs = createdMs + Math.floor((dueMs - createdMs) / 2);
      this.promises.addRecord(row(id, dueMs, 'renegotiated', renegotiatedMs, null, createdMs));
      const newDueMs = dueMs + 2 * DAY;
      const isKept = newDueMs < this.nowMs && this.next() < 0.6;
      const status = isKept ? 'kept' : 'pending';
      this.promises.addRecord(
        row(
          ++this.promiseId,
          newDueMs,
          status,
          isKept ? newDueMs - HOUR : null,
          id,
          renegotiatedMs,
        ),
      );
    }
  }

  /** The customer's ratings a day after the answer: result and courtesy/clarity, kept apart. */
  rate(
    caseId: number,
    agentId: number,
    answerMs: number,
    dissatisfiedShare: number,
    isCurt: boolean,
  ): void {
    const at = answerMs + DAY;
    if (at >= this.nowMs) return;
    const r = this.next();
    const answer = r < dissatisfiedShare ? 'no' : r < dissatisfiedShare + 0.2 ? 'partly' : 'yes';
    this.results.add([caseId, answer, at]);
    this.quality.add([
      caseId,
      'customer',
      agentId,
      this.score(isCurt ? 2.3 : 4.4),
      this.score(isCurt ? 3.3 : 4.1),
      at,
    ]);
  }

  /**
   * The answer as an interaction with the agent's handle time (around the type's target, with a
   * long tail) and, for 2 % of them, a supervisor's rubric review two days later.
   */
  handle(
    caseId: number,
    agentId: number,
    answerMs: number,
    targetMinutes: number,
    isCurt: boolean,
  ) {
    const spread = Math.exp((this.next() + this.next() + this.next() - 1.5) * 1.2);
    const seconds = Math.max(60, Math.round(targetMinutes * 60 * 0.8 * spread));
    const isCanned = this.next() < (isCurt ? 0.4 : 0.1) ? 1 : 0;
    this.interactions.add([caseId, 'reply', 'outbound', agentId, isCanned, seconds, answerMs]);
    const at = answerMs + 2 * DAY;
    if (this.reviewerId === null || at >= this.nowMs || this.next() >= 0.02) return;
    const mean = isCurt ? 2.6 : 4.2;
    // prettier-ignore
    this.reviews.add([caseId, 'supervisor', this.reviewerId, agentId, this.score(mean), this.score(mean), this.score(mean), this.score(4), this.score(isCanned ? 1.8 : mean), at]);
  }

  private score(mean: number): number {
    return Math.min(5, Math.max(1, Math.round(mean + (this.next() + this.next() - 1) * 1.6)));
  }

  flush(): void {
    this.promises.flush();
    this.results.flush();
    this.quality.flush();
    this.interactions.flush();
    this.reviews.flush();
  }
}
