/** Extensions (prórroga, art. 14 parágrafo): the cap, the days they add, when they are refused. */
import { describe, expect, it } from 'vitest';
import { checkExtension, computeLegalTerm, extensionCap, extensionDaysTo } from './legal-term';
import { at, cal, example, pause } from './legal-term.fixture';

describe('extensionCap', () => {
  it('is the 2N-th business day from the same day 1', () => {
    expect(extensionCap(example, cal)).toBe('2026-04-29');
    expect(extensionCap({ ...example, termDays: 10 }, cal)).toBe('2026-04-15');
  });

  it('moves with closed pauses', () => {
    const pauses = [pause('2026-03-18T10:00', '2026-03-25T15:00')];
    expect(extensionCap({ ...example, pauses }, cal)).toBe('2026-05-06');
  });

  it('is null while paused', () => {
    expect(extensionCap({ ...example, pauses: [pause('2026-03-18T10:00', null)] }, cal)).toBeNull();
  });
});

describe('extensionDaysTo', () => {
  it('does not count the days of a suspension already declared between the two dates', () => {
    // A suspension of terms from 13 to 17 April, declared before the extension to 24 April.
    const suspended = { ...example, pauses: [pause('2026-04-12T23:00', '2026-04-17T08:00')] };
    expect(computeLegalTerm(suspended, cal)).toMatchObject({ dueDate: '2026-04-08' });
    const days = extensionDaysTo(suspended, '2026-04-24', cal);
    expect(days).toBe(7);
    expect(computeLegalTerm({ ...suspended, extensionDays: days! }, cal)).toMatchObject({
      dueDate: '2026-04-24',
    });
  });

  it('is the business days between the term’s due date and the new one', () => {
    expect(extensionDaysTo(example, '2026-04-09', cal)).toBe(1);
    expect(extensionDaysTo(example, '2026-04-20', cal)).toBe(8);
    // The cap, 2N from the same day 1: N days added.
    expect(extensionDaysTo(example, extensionCap(example, cal)!, cal)).toBe(15);
    const input = { ...example, extensionDays: extensionDaysTo(example, '2026-04-20', cal)! };
    expect(computeLegalTerm(input, cal)).toMatchObject({ dueDate: '2026-04-20' });
  });
});

describe('checkExtension', () => {
  const term = computeLegalTerm(example, cal); // due 2026-04-08, dueAt 2026-04-09T04:59:59.999Z
  const before = '2026-04-01T10:00:00-05:00';
  const lastMinute = '2026-04-08T23:59:00-05:00';
  const expired = '2026-04-09T00:00:00-05:00';

  it.each<[string, string, string, boolean, ReturnType<typeof checkExtension>]>([
    ['allowed up to the cap', '2026-04-29', before, false, { ok: true }],
    ['allowed to the next business day', '2026-04-09', before, false, { ok: true }],
    ['allowed in the last minute of the due date', '2026-04-20', lastMinute, false, { ok: true }],
    ['a second extension', '2026-04-20', before, true, { ok: false, reason: 'already_extended' }],
    ['after the due instant', '2026-04-20', expired, false, { ok: false, reason: 'term_expired' }],
    ['beyond the cap', '2026-04-30', before, false, { ok: false, reason: 'beyond_cap' }],
    ['the same due date', '2026-04-08', before, false, { ok: false, reason: 'not_later' }],
    ['an earlier date', '2026-04-07', before, false, { ok: false, reason: 'not_later' }],
    ['a Saturday', '2026-04-18', before, false, { ok: false, reason: 'not_business_day' }],
    ['a Sunday', '2026-04-19', before, false, { ok: false, reason: 'not_business_day' }],
    // Several reasons at once: the first in order wins.
    [
      'second + expired + beyond cap',
      '2026-04-30',
      expired,
      true,
      { ok: false, reason: 'already_extended' },
    ],
    ['expired + beyond cap', '2026-04-30', expired, false, { ok: false, reason: 'term_expired' }],
    ['beyond cap + Saturday', '2026-05-02', before, false, { ok: false, reason: 'beyond_cap' }],
    ['not later + Saturday', '2026-04-04', before, false, { ok: false, reason: 'not_later' }],
  ])('%s (%s)', (_label, newDueDate, now, alreadyExtended, expected) => {
    const cap = '2026-04-29';
    expect(checkExtension({ now: at(now), term, cap, newDueDate, alreadyExtended }, cal)).toEqual(
      expected,
    );
  });

  it('refuses while the term is paused', () => {
    const paused = computeLegalTerm({ ...example, pauses: [pause('2026-03-18T10:00', null)] }, cal);
    const input = { now: at(before), term: paused, cap: null, alreadyExtended: false };
    expect(checkExtension({ ...input, newDueDate: '2026-04-20' }, cal)).toEqual({
      ok: false,
      reason: 'term_paused',
    });
  });

  it('has no cap to check when none is given', () => {
    const input = { now: at(before), term, cap: null, alreadyExtended: false };
    expect(checkExtension({ ...input, newDueDate: '2026-06-01' }, cal)).toEqual({ ok: true });
  });
});
