import { describe, expect, it } from 'vitest';
import {
  closedSemesters,
  presetOf,
  previousSemester,
  reportPeriod,
  semesterOf,
  semesterPeriod,
} from './report-periods';

describe('report periods', () => {
  it('gives whole previous months and quarters, and the current ones up to today', () => {
    expect(reportPeriod('last_month', '2026-03-15')).toEqual({
      from: '2026-02-01',
      to: '2026-02-28',
    });
    expect(reportPeriod('last_month', '2026-01-01')).toEqual({
      from: '2025-12-01',
      to: '2025-12-31',
    });
    expect(reportPeriod('this_month', '2026-03-15')).toEqual({
      from: '2026-03-01',
      to: '2026-03-15',
    });
    expect(reportPeriod('last_quarter', '2026-05-20')).toEqual({
      from: '2026-01-01',
      to: '2026-03-31',
    });
    expect(reportPeriod('last_quarter', '2026-02-10')).toEqual({
      from: '2025-10-01',
      to: '2025-12-31',
    });
    expect(reportPeriod('last_quarter', '2026-12-31')).toEqual({
      from: '2026-07-01',
      to: '2026-09-30',
    });
    expect(reportPeriod('this_year', '2026-03-15')).toEqual({
      from: '2026-01-01',
      to: '2026-03-15',
    });
  });

  it('counts a leap February whole', () => {
    expect(reportPeriod('last_month', '2028-03-02')).toEqual({
      from: '2028-02-01',
      to: '2028-02-29',
    });
  });

  it('recognises a period that is one of the quick choices', () => {
    expect(presetOf({ from: '2026-02-01', to: '2026-02-28' }, '2026-03-15')).toBe('last_month');
    expect(presetOf({ from: '2026-02-02', to: '2026-02-28' }, '2026-03-15')).toBeUndefined();
  });

  it('gives semesters for the control-interno report: the last whole one, and this one to today', () => {
    expect(reportPeriod('last_semester', '2026-12-06')).toEqual({
      from: '2026-01-01',
      to: '2026-06-30',
    });
    expect(reportPeriod('last_semester', '2026-07-01')).toEqual({
      from: '2026-01-01',
      to: '2026-06-30',
    });
    expect(reportPeriod('last_semester', '2026-06-30')).toEqual({
      from: '2025-07-01',
      to: '2025-12-31',
    });
    expect(reportPeriod('this_semester', '2026-12-06')).toEqual({
      from: '2026-07-01',
      to: '2026-12-06',
    });
    expect(presetOf({ from: '2026-01-01', to: '2026-06-30' }, '2026-09-01')).toBe('last_semester');
  });

  it('names, steps back through and lists semesters', () => {
    expect(semesterOf('2026-06-30')).toBe('2026-1');
    expect(semesterOf('2026-07-01')).toBe('2026-2');
    expect(previousSemester('2026-1')).toBe('2025-2');
    expect(semesterPeriod('2025-2')).toEqual({ from: '2025-07-01', to: '2025-12-31' });
    expect(closedSemesters('2026-12-06', 3)).toEqual(['2026-1', '2025-2', '2025-1']);
  });
});
