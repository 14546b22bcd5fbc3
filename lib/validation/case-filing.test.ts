import { describe, expect, it } from 'vitest';
import { CaseFilingSchema } from './case-filing';

const base = {
  typeCode: 'P',
  subject: 'Copia del contrato',
  description: 'Necesito una copia de mi contrato de servicio, por favor.',
};

describe('a filing without a document (identity pending)', () => {
  it.each(['email', 'chat', 'whatsapp', 'social', 'api'])(
    'is received from the %s channel when it can be answered by e-mail',
    (channel) => {
      const parsed = CaseFilingSchema.safeParse({
        ...base,
        channel,
        responseMedium: 'email',
        responseAddress: 'ana@example.co',
      });
      expect(parsed.success).toBe(true);
    },
  );

  it.each(['web', 'phone', 'walk_in', 'postal'])('is refused from the %s channel', (channel) => {
    const parsed = CaseFilingSchema.safeParse({
      ...base,
      channel,
      responseMedium: 'email',
      responseAddress: 'ana@example.co',
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['customer', 'documentNumber']);
  });

  it('is refused when the reply address is not an e-mail address', () => {
    const parsed = CaseFilingSchema.safeParse({
      ...base,
      channel: 'email',
      responseMedium: 'email',
      responseAddress: 'Calle 1 # 2-3',
    });
    expect(parsed.success).toBe(false);
  });
});
