import { z } from 'zod';
import { CHANNELS, DOCUMENT_TYPES } from '../domain/enums';

/** The channels a staff member records a petition from (the portal files its own). */
export const VERBAL_CHANNELS = [
  'phone',
  'walk_in',
  'postal',
  'email',
  'chat',
  'whatsapp',
  'social',
] as const;

const text = (fields: Record<string, unknown>, key: string): string | undefined => {
  const value = fields[key];
  return typeof value === 'string' ? value : undefined;
};

/** The customer look-up of the verbal intake: who is on the line. */
export const CustomerLookupSchema = z.object({
  documentType: z.enum(DOCUMENT_TYPES),
  documentNumber: z.string().trim().min(3, { error: 'tooShort' }).max(20),
});

/** A repeat contact recorded from the intake form on one of the customer's open cases. */
export const RepeatContactFormSchema = z.looseObject({
  caseId: z.coerce.number().int().positive(),
});

/**
 * The verbal intake form's text fields as a filing (CaseFilingSchema decides what is valid): the
 * customer's fields come nested, an anonymous filing carries none, an unknown channel is left out.
 */
export function verbalFilingInput(fields: Record<string, unknown>): Record<string, unknown> {
  const f = (key: string) => text(fields, key);
  const isAnonymous = f('isAnonymous') === 'true';
  const channel = f('channel');
  return {
    typeCode: f('typeCode') || undefined,
    channel: channel && (CHANNELS as readonly string[]).includes(channel) ? channel : undefined,
    subject: f('subject'),
    description: f('description'),
    isAnonymous,
    hasConsent: f('hasConsent') === 'on',
    priority: f('priority') || 'normal',
    priorityReason: f('priorityReason'),
    responseMedium: f('responseMedium') || 'email',
    responseAddress: f('responseAddress'),
    customer: isAnonymous
      ? undefined
      : {
          documentType: f('customer.documentType'),
          documentNumber: f('customer.documentNumber'),
          fullName: f('customer.fullName'),
          email: f('customer.email'),
          phone: f('customer.phone'),
          address: f('responseAddress'),
        },
  };
}

/** A repeat contact's text fields; a channel the intake does not record reads as a phone call. */
export function repeatContactInput(fields: Record<string, unknown>) {
  const channel = text(fields, 'channel') ?? '';
  return {
    subject: text(fields, 'subject') ?? '',
    description: text(fields, 'description') ?? '',
    channel: (VERBAL_CHANNELS as readonly string[]).includes(channel)
      ? (channel as (typeof VERBAL_CHANNELS)[number])
      : ('phone' as const),
  };
}
