/**
 * Where a scale-seed case stands at `now`: its state and the instants of each step, drawn so that
 * recent cases are mostly open, older ones answered (some late) and closed, a few transferred,
 * withdrawn or merged. Every instant is in office hours on a day of the table and before now.
 */
import type { CaseState, CaseType, Decision } from '@/lib/domain/enums';
import { businessDayAfter, type DayTable } from './scale-support';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const DECISIONS: readonly Decision[] = [
  'concede',
  'concede',
  'concede_parcial',
  'niega',
  'informa',
];

export interface LifecycleClock {
  next: () => number;
  table: DayTable;
  todayIdx: number;
  nowMs: number;
}

export type Terminal = 'transfer' | 'withdraw' | 'merge';

/** -1 marks a step that did not happen (yet). */
export interface Lifecycle {
  state: CaseState;
  /** Taken by an agent: team and assignee set. */
  isRouted: boolean;
  handleMs: number;
  pauseMs: number;
  answerMs: number;
  closeMs: number;
  endMs: number;
  terminal: Terminal | null;
  decision: Decision | null;
}

/** An office-hours instant on day `d`, or -1 when that is not before now. */
export function workAt(clock: LifecycleClock, d: number): number {
  if (d < 0 || d > clock.todayIdx) return -1;
  const ms = clock.table.starts[d]! + 8 * HOUR + Math.floor(clock.next() * 9.5 * HOUR);
  return ms < clock.nowMs ? ms : -1;
}

export function decideLifecycle(
  clock: LifecycleClock,
  c: {
    type: CaseType;
    day: number;
    receivedMs: number;
    termDays: number | null;
    /** The customer has an earlier case this one can be merged into. */
    canMerge: boolean;
    lateShare: number;
  },
): Lifecycle {
  const { next, table } = clock;
  const ageBd = table.cumBusiness[clock.todayIdx]! - table.cumBusiness[c.day]!;
  const n = c.termDays ?? 15;
  const life: Lifecycle = {
    state: 'radicada',
    isRouted: false,
    handleMs: -1,
    pauseMs: -1,
    answerMs: -1,
    closeMs: -1,
    endMs: -1,
    terminal: null,
    decision: null,
  };
  const r = next();
  if (c.type === 'F') {
    // Felicitaciones are acknowledged and closed within a couple of days.
    if (ageBd > 1)
      life.closeMs = workAt(clock, businessDayAfter(table, c.day, 1 + Math.floor(next() * 2)));
    life.state = life.closeMs < 0 ? 'radicada' : 'cerrada';
  } else if (r < 0.04 && ageBd >= 2) {
    const terminal: Terminal =
      r < 0.015 ? 'transfer' : r < 0.03 || !c.canMerge ? 'withdraw' : 'merge';
    const day = businessDayAfter(table, c.day, 1 + Math.floor(next() * Math.min(2, ageBd - 1)));
    life.endMs = workAt(clock, day);
    if (life.endMs < 0) life.state = 'en_tramite';
    else {
      life.terminal = terminal;
      life.state =
        terminal === 'transfer' ? 'trasladada' : terminal === 'merge' ? 'fusionada' : 'desistida';
    }
  } else {
    const isLate = next() < c.lateShare;
    const k = isLate ? n + 1 + Math.floor(next() * 8) : 1 + Math.floor(next() * n);
    const answerDay = businessDayAfter(table, c.day, k);
    // A few cases are simply forgotten: they stay open long past their due date.
    life.answerMs = next() < 0.003 ? -1 : workAt(clock, answerDay);
    if (life.answerMs < 0) {
      life.state = ageBd <= 1 && next() < 0.6 ? 'radicada' : 'en_tramite';
      if (life.state === 'en_tramite' && next() < 0.08) {
        life.pauseMs = workAt(clock, businessDayAfter(table, c.day, 1));
        if (life.pauseMs >= 0) life.state = 'requiere_informacion';
      }
    } else {
      life.decision =
        c.type === 'C' || c.type === 'S' || c.type === 'D'
          ? 'informa'
          : DECISIONS[Math.floor(next() * DECISIONS.length)]!;
      if (life.answerMs < clock.nowMs - 3 * DAY && next() < 0.85) {
        life.closeMs = workAt(
          clock,
          businessDayAfter(table, answerDay, 1 + Math.floor(next() * 4)),
        );
      }
      life.state = life.closeMs < 0 ? 'respondida' : 'cerrada';
    }
  }
  // Half the withdrawals come before anyone took the case; a duplicate is merged from the pool.
  life.isRouted =
    life.state !== 'radicada' &&
    life.terminal !== 'merge' &&
    !(life.terminal === 'withdraw' && next() < 0.5);
  if (life.isRouted) {
    const first = [life.answerMs, life.pauseMs, life.endMs, life.closeMs].find((ms) => ms >= 0);
    const window = Math.min(8 * HOUR, ((first ?? clock.nowMs) - c.receivedMs) / 2);
    life.handleMs = c.receivedMs + Math.floor(next() * window);
  }
  return life;
}
