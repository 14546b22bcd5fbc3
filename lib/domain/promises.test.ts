import { describe, expect, it } from 'vitest';
import type { PromiseStatus } from './enums';
import {
  decidePromiseAction,
  effectivePromiseStatus,
  summarizePromiseChain,
  type PromiseAction,
  type PromiseSnapshot,
} from './promises';

const DUE = new Date('2026-03-05T21:00:00Z');
const MOMENT = {
  before: new Date(DUE.getTime() - 60_000),
  at: new Date(DUE.getTime()),
  after: new Date(DUE.getTime() + 1),
} as const;
type Moment = keyof typeof MOMENT;

const LATER = new Date('2026-03-10T21:00:00Z');
const REASON = 'El repuesto llega el lunes';

function makePromise(status: PromiseStatus, dueAt: Date = DUE): PromiseSnapshot {
  return { status, dueAt };
}

describe('effectivePromiseStatus', () => {
  // prettier-ignore
  const cases: readonly [PromiseStatus, Moment, PromiseStatus][] = [
    ['pending',      'before', 'pending'],
    ['pending',      'at',     'pending'],
    ['pending',      'after',  'broken'],
    ['kept',         'before', 'kept'],
    ['kept',         'at',     'kept'],
    ['kept',         'after',  'kept'],
    ['broken',       'before', 'broken'],
    ['broken',       'at',     'broken'],
    ['broken',       'after',  'broken'],
    ['renegotiated', 'before', 'renegotiated'],
    ['renegotiated', 'at',     'renegotiated'],
    ['renegotiated', 'after',  'renegotiated'],
  ];

  it.each(cases)('stored %s, %s due → %s', (status, moment, expected) => {
    expect(effectivePromiseStatus(makePromise(status), MOMENT[moment])).toBe(expected);
  });
});

describe('decidePromiseAction: status × action × moment', () => {
  type Outcome = PromiseStatus | `refused:${string}`;
  // prettier-ignore
  const cases: readonly [PromiseStatus, PromiseAction, Moment, Outcome][] = [
    ['pending',      'keep',        'before', 'kept'],
    ['pending',      'keep',        'at',     'kept'],
    ['pending',      'keep',        'after',  'refused:already_due'],
    ['pending',      'renegotiate', 'before', 'renegotiated'],
    ['pending',      'renegotiate', 'at',     'renegotiated'],
    ['pending',      'renegotiate', 'after',  'refused:already_due'],
    ['pending',      'break',       'before', 'refused:not_yet_due'],
    ['pending',      'break',       'at',     'refused:not_yet_due'],
    ['pending',      'break',       'after',  'broken'],
    ['kept',         'keep',        'before', 'refused:not_pending'],
    ['kept',         'keep',        'at',     'refused:not_pending'],
    ['kept',         'keep',        'after',  'refused:not_pending'],
    ['kept',         'renegotiate', 'before', 'refused:not_pending'],
    ['kept',         'renegotiate', 'at',     'refused:not_pending'],
    ['kept',         'renegotiate', 'after',  'refused:not_pending'],
    ['kept',         'break',       'before', 'refused:not_pending'],
    ['kept',         'break',       'at',     'refused:not_pending'],
    ['kept',         'break',       'after',  'refused:not_pending'],
    ['broken',       'keep',        'before', 'refused:not_pending'],
    ['broken',       'keep',        'at',     'refused:not_pending'],
    ['broken',       'keep',        'after',  'refused:not_pending'],
    ['broken',       'renegotiate', 'before', 'refused:not_pending'],
    ['broken',       'renegotiate', 'at',     'refused:not_pending'],
    ['broken',       'renegotiate', 'after',  'refused:not_pending'],
    ['broken',       'break',       'before', 'refused:not_pending'],
    ['broken',       'break',       'at',     'refused:not_pending'],
    ['broken',       'break',       'after',  'refused:not_pending'],
    ['renegotiated', 'keep',        'before', 'refused:not_pending'],
    ['renegotiated', 'keep',        'at',     'refused:not_pending'],
    ['renegotiated', 'keep',        'after',  'refused:not_pending'],
    ['renegotiated', 'renegotiate', 'before', 'refused:not_pending'],
    ['renegotiated', 'renegotiate', 'at',     'refused:not_pending'],
    ['renegotiated', 'renegotiate', 'after',  'refused:not_pending'],
    ['renegotiated', 'break',       'before', 'refused:not_pending'],
    ['renegotiated', 'break',       'at',     'refused:not_pending'],
    ['renegotiated', 'break',       'after',  'refused:not_pending'],
  ];

  it.each(cases)('stored %s, %s, %s due → %s', (status, action, moment, outcome) => {
    const decision = decidePromiseAction(makePromise(status), action, {
      now: MOMENT[moment],
      newDueAt: LATER,
      reason: REASON,
    });
    const expected = outcome.startsWith('refused:')
      ? { ok: false, reason: outcome.slice('refused:'.length) }
      : { ok: true, to: outcome };
    expect(decision).toEqual(expected);
  });
});

describe('decidePromiseAction: renegotiation input', () => {
  const now = MOMENT.before;
  // prettier-ignore
  const cases: readonly { label: string; newDueAt?: Date; reason?: string; expected: object }[] = [
    { label: 'valid',                     newDueAt: LATER, reason: REASON, expected: { ok: true, to: 'renegotiated' } },
    { label: 'new due one ms ahead',      newDueAt: new Date(now.getTime() + 1), reason: REASON, expected: { ok: true, to: 'renegotiated' } },
    { label: 'new due before the old one but ahead of now', newDueAt: new Date(now.getTime() + 1_000), reason: REASON, expected: { ok: true, to: 'renegotiated' } },
    { label: 'no reason',                 newDueAt: LATER, expected: { ok: false, reason: 'missing_reason' } },
    { label: 'empty reason',              newDueAt: LATER, reason: '', expected: { ok: false, reason: 'missing_reason' } },
    { label: 'blank reason',              newDueAt: LATER, reason: '  \n', expected: { ok: false, reason: 'missing_reason' } },
    { label: 'reason checked first',      reason: ' ', expected: { ok: false, reason: 'missing_reason' } },
    { label: 'no new due',                reason: REASON, expected: { ok: false, reason: 'new_due_not_future' } },
    { label: 'new due equal to now',      newDueAt: new Date(now.getTime()), reason: REASON, expected: { ok: false, reason: 'new_due_not_future' } },
    { label: 'new due in the past',       newDueAt: new Date(now.getTime() - 1), reason: REASON, expected: { ok: false, reason: 'new_due_not_future' } },
    { label: 'new due an invalid date',   newDueAt: new Date(Number.NaN), reason: REASON, expected: { ok: false, reason: 'new_due_not_future' } },
  ];

  it.each(cases)('$label', ({ newDueAt, reason, expected }) => {
    const decision = decidePromiseAction(makePromise('pending'), 'renegotiate', {
      now,
      newDueAt,
      reason,
    });
    expect(decision).toEqual(expected);
  });

  it('keep and break ignore the renegotiation fields', () => {
    expect(decidePromiseAction(makePromise('pending'), 'keep', { now })).toEqual({
      ok: true,
      to: 'kept',
    });
    expect(decidePromiseAction(makePromise('pending'), 'break', { now: MOMENT.after })).toEqual({
      ok: true,
      to: 'broken',
    });
  });

  it('does not change the promise it is given', () => {
    const promise = makePromise('pending');
    decidePromiseAction(promise, 'renegotiate', { now, newDueAt: LATER, reason: REASON });
    expect(promise).toEqual({ status: 'pending', dueAt: DUE });
  });
});

describe('summarizePromiseChain', () => {
  const first = makePromise('renegotiated', new Date('2026-03-01T21:00:00Z'));
  const second = makePromise('renegotiated', new Date('2026-03-03T21:00:00Z'));

  // prettier-ignore
  const cases: readonly { label: string; chain: PromiseSnapshot[]; now: Date; expected: string }[] = [
    { label: 'a single pending promise before due', chain: [makePromise('pending')], now: MOMENT.before, expected: 'pending' },
    { label: 'a single pending promise at due',     chain: [makePromise('pending')], now: MOMENT.at,     expected: 'pending' },
    { label: 'a single pending promise past due',   chain: [makePromise('pending')], now: MOMENT.after,  expected: 'broken' },
    { label: 'a single kept promise',               chain: [makePromise('kept')],    now: MOMENT.after,  expected: 'kept' },
    { label: 'a single broken promise',             chain: [makePromise('broken')],  now: MOMENT.before, expected: 'broken' },
    { label: 'renegotiated twice, then kept',       chain: [first, second, makePromise('kept')],    now: MOMENT.after,  expected: 'kept' },
    { label: 'renegotiated once, then broken',      chain: [first, makePromise('broken')],          now: MOMENT.after,  expected: 'broken' },
    { label: 'renegotiated once, still pending',    chain: [first, makePromise('pending')],         now: MOMENT.before, expected: 'pending' },
    { label: 'renegotiated once, pending past due', chain: [first, makePromise('pending')],         now: MOMENT.after,  expected: 'broken' },
  ];

  it.each(cases)('$label → $expected', ({ chain, now, expected }) => {
    expect(summarizePromiseChain(chain, now)).toBe(expected);
  });

  it('counts a chain once however many renegotiations it has', () => {
    const chains = [[makePromise('kept')], [first, second, makePromise('kept')]];
    const outcomes = chains.map((chain) => summarizePromiseChain(chain, MOMENT.after));
    expect(outcomes).toEqual(['kept', 'kept']);
  });

  it('throws on an empty chain', () => {
    expect(() => summarizePromiseChain([], MOMENT.at)).toThrow(RangeError);
  });

  it('throws when the last link is renegotiated', () => {
    expect(() => summarizePromiseChain([first, second], MOMENT.at)).toThrow(RangeError);
  });
});
