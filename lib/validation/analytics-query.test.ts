import { describe, expect, it } from 'vitest';
import {
  analyticsQueryToSearchParams,
  DEFAULT_PERIOD_DAYS,
  MAX_PERIOD_DAYS,
  parseAnalyticsQuery,
} from './analytics-query';

const TODAY = '2026-11-23';

describe('parseAnalyticsQuery', () => {
  it('opens on the last 30 days, today included, grouped by team', () => {
    expect(parseAnalyticsQuery({}, TODAY)).toEqual({
      from: '2026-10-25',
      to: TODAY,
      by: 'team',
    });
    expect(DEFAULT_PERIOD_DAYS).toBe(30);
  });

  it('reads every filter from the URL', () => {
    const params = new URLSearchParams(
      'from=2026-01-01&to=2026-03-31&teamId=2&agentId=7&type=Q&processId=3&channel=email&by=process',
    );
    expect(parseAnalyticsQuery(params, TODAY)).toEqual({
      from: '2026-01-01',
      to: '2026-03-31',
      teamId: 2,
      agentId: 7,
      type: 'Q',
      processId: 3,
      channel: 'email',
      by: 'process',
    });
  });

  it('never throws on a hand-edited URL: bad values fall back to their defaults', () => {
    const q = parseAnalyticsQuery(
      {
        from: '2026-02-30',
        teamId: '-1',
        type: 'X',
        channel: 'fax',
        by: 'moon',
        agentId: ['4', '5'],
      },
      TODAY,
    );
    expect(q).toEqual({ from: '2026-10-25', to: TODAY, agentId: 4, by: 'team' });
  });

  it('puts a reversed period the right way round and cuts an over-long one', () => {
    expect(parseAnalyticsQuery({ from: '2026-05-01', to: '2026-04-01' }, TODAY)).toMatchObject({
      from: '2026-04-01',
      to: '2026-05-01',
    });
    const long = parseAnalyticsQuery({ from: '2010-01-01', to: '2026-11-23' }, TODAY);
    const days = (Date.parse(long.to) - Date.parse(long.from)) / 86_400_000 + 1;
    expect(days).toBe(MAX_PERIOD_DAYS);
  });
});

describe('analyticsQueryToSearchParams', () => {
  it('round-trips through the parser and leaves the default breakdown out', () => {
    const q = parseAnalyticsQuery({ from: '2026-01-01', to: '2026-01-31', type: 'R' }, TODAY);
    const params = analyticsQueryToSearchParams(q, { page: 2 });
    expect(params.toString()).toBe('from=2026-01-01&to=2026-01-31&type=R&page=2');
    expect(parseAnalyticsQuery(params, TODAY)).toEqual(q);
  });
});
