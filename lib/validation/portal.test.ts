import { describe, expect, it } from 'vitest';
import { collectFieldErrors } from './issues';
import { CallbackSchema, CaseLookupSchema, DisagreeSchema, RatingSchema } from './portal';

function keys(result: { success: boolean; error?: Parameters<typeof collectFieldErrors>[0] }) {
  if (result.success || !result.error) return {};
  return Object.fromEntries(
    Object.entries(collectFieldErrors(result.error)).map(([f, l]) => [f, l.map((e) => e.key)]),
  );
}

describe('portal schemas', () => {
  it('reads a radicado as typed: trimmed and upper-cased', () => {
    expect(
      CaseLookupSchema.parse({ radicado: ' pqrs-2026-000123 ', secret: ' 52.123.456 ' }),
    ).toEqual({ radicado: 'PQRS-2026-000123', secret: '52.123.456' });
    expect(keys(CaseLookupSchema.safeParse({ radicado: '123', secret: 'x' }))).toEqual({
      radicado: ['radicado'],
    });
  });

  it('takes ratings as numbers or numeric strings, 1 to 5', () => {
    expect(RatingSchema.parse({ result: 'no', courtesy: '1', clarity: 5 })).toEqual({
      result: 'no',
      courtesy: 1,
      clarity: 5,
      comment: undefined,
    });
    expect(keys(RatingSchema.safeParse({ result: 'no', courtesy: '', clarity: 'x' }))).toEqual({
      courtesy: ['rating'],
      clarity: ['required'],
    });
  });

  it('asks a disagreement for its reasons', () => {
    expect(keys(DisagreeSchema.safeParse({ reason: 'No.' }))).toEqual({ reason: ['tooShort'] });
    expect(DisagreeSchema.parse({ reason: '  No resolvieron mi reclamo.  ' }).reason).toBe(
      'No resolvieron mi reclamo.',
    );
  });

  it('takes a callback time only as an instant with its offset', () => {
    expect(CallbackSchema.parse({ preferredAt: '2026-03-20T10:00:00-05:00', phone: '' })).toEqual({
      preferredAt: new Date('2026-03-20T15:00:00Z'),
      phone: undefined,
      note: undefined,
    });
    for (const preferredAt of ['2026-03-20T10:00', 'mañana', '']) {
      expect(keys(CallbackSchema.safeParse({ preferredAt })).preferredAt).toHaveLength(1);
    }
    expect(
      keys(CallbackSchema.safeParse({ preferredAt: '2026-03-20T10:00:00Z', phone: 'abc' })),
    ).toEqual({ phone: ['phone'] });
  });
});
