import { describe, expect, it } from 'vitest';
import {
  caseQueryToSearchParams,
  parseCaseQuery,
  type CaseQuery,
  type CaseQueryInput,
} from './case-query';

/** A queue view: the defaults with some members set. */
const query = (input: CaseQueryInput = {}): CaseQuery => ({ ...parseCaseQuery({}), ...input });

describe('the queue view in the URL', () => {
  it('falls back to defaults on garbage, keeping the valid members of a list', async () => {
    const garbage = new URLSearchParams(
      'queue=nope&type=XX&type=R&channel=web&channel=web&state=&teamId=abc&assigneeId=-4' +
        '&processId=1.5&from=2026-02-30&to=ayer&sort=foo&dir=up&page=-3&pageSize=1000&extra=1',
    );
    expect(parseCaseQuery(garbage)).toEqual({
      ...parseCaseQuery({}),
      type: ['R'],
      channel: ['web'],
    });
    expect(parseCaseQuery({})).toEqual({
      queue: 'mine',
      type: [],
      channel: [],
      state: [],
      teamId: undefined,
      assigneeId: undefined,
      processId: undefined,
      from: undefined,
      to: undefined,
      sort: 'due',
      dir: 'asc',
      page: 1,
      pageSize: 25,
    });
    expect(parseCaseQuery({ page: ['2', '9'], pageSize: '9', queue: ['overdue'] })).toMatchObject({
      page: 2,
      pageSize: 25,
      queue: 'overdue',
    });
  });

  it('writes a shareable URL without defaults that reads back the same view', async () => {
    const view = query({
      queue: 'overdue',
      type: ['Q', 'R'],
      channel: ['email'],
      state: ['en_tramite'],
      teamId: 3,
      assigneeId: 7,
      processId: 2,
      from: '2026-03-01',
      to: '2026-03-31',
      sort: 'received',
      dir: 'desc',
      page: 4,
      pageSize: 50,
    });
    const params = caseQueryToSearchParams(view);
    expect(params.getAll('type')).toEqual(['Q', 'R']);
    expect(parseCaseQuery(new URLSearchParams(params.toString()))).toEqual(view);
    expect(caseQueryToSearchParams(parseCaseQuery({})).toString()).toBe('');
    expect(caseQueryToSearchParams(query({ queue: 'all', page: 2 })).toString()).toBe(
      'queue=all&page=2',
    );
  });
});
