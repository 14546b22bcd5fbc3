import { z } from 'zod';
import {
  CASE_TYPES,
  CHANNELS,
  DOCUMENT_TYPES,
  LOCALES,
  PRIORITIES,
  RESPONSE_MEDIA,
} from '../domain/enums';
import { optionalEmail, optionalPhone, optionalText, requiredText } from './fields';

export const SUBJECT_LIMITS = { min: 5, max: 200 } as const;
export const DESCRIPTION_LIMITS = { min: 20, max: 5000 } as const;

export const CustomerIdentitySchema = z.object({
  documentType: z.enum(DOCUMENT_TYPES, { error: 'required' }),
  documentNumber: z
    .string({ error: 'required' })
    .trim()
    .min(1, { error: 'required' })
    .regex(/^[A-Za-z0-9-]{3,20}$/, { error: 'documentNumber' })
    .transform((v) => v.toUpperCase()),
  fullName: requiredText(3, 120),
  email: optionalEmail,
  phone: optionalPhone,
  address: optionalText(200),
});
export type CustomerIdentity = z.infer<typeof CustomerIdentitySchema>;

/** Channels that reach us in writing from an address we can answer to (issue: channels). */
export const REMOTE_CHANNELS = ['email', 'chat', 'whatsapp', 'social', 'api'] as const;

const isRemote = (channel: string) => (REMOTE_CHANNELS as readonly string[]).includes(channel);

/**
 * An e-mail or API filing from someone not yet identified by document: it is received (the law
 * does not let us refuse a petition for want of data) and answered at the address it came from, or
 * through the API channel it came from (responseMedium 'api'); staff complete the identity later.
 * No customer row, no consent: only the reply address is kept.
 */
export function isIdentityPending(v: {
  channel: string;
  responseMedium: string;
  responseAddress?: string | null;
}): boolean {
  if (!isRemote(v.channel)) return false;
  if (v.responseMedium === 'api') return true;
  return v.responseMedium === 'email' && z.email().safeParse(v.responseAddress ?? '').success;
}

/**
 * A new PQRS from any channel. Identity is required unless the filing is anonymous (whether the type
 * allows it is organisation configuration, checked by the server); the answer needs somewhere to go.
 */
export const CaseFilingSchema = z
  .object({
    typeCode: z.enum(CASE_TYPES, { error: 'required' }),
    channel: z.enum(CHANNELS, { error: 'required' }),
    subject: requiredText(SUBJECT_LIMITS.min, SUBJECT_LIMITS.max),
    description: requiredText(DESCRIPTION_LIMITS.min, DESCRIPTION_LIMITS.max),
    isAnonymous: z.boolean().default(false),
    customer: CustomerIdentitySchema.optional(),
    responseMedium: z.enum(RESPONSE_MEDIA).default('email'),
    responseAddress: optionalText(200),
    hasConsent: z.boolean().default(false),
    priority: z.enum(PRIORITIES).default('normal'),
    priorityReason: optionalText(200),
    locale: z.enum(LOCALES).default('es'),
  })
  .superRefine((v, ctx) => {
    // Answering through the channel is for remote channels only; create-case.ts further requires
    // the filing to come through an API channel that has a webhook. People choose e-mail or post.
    if (v.responseMedium === 'api' && !isRemote(v.channel)) {
      ctx.addIssue({ code: 'custom', path: ['responseMedium'], message: 'invalid' });
      return;
    }
    if (v.isAnonymous) return;
    if (!v.customer && isIdentityPending(v)) return;
    if (!v.customer) {
      ctx.addIssue({ code: 'custom', path: ['customer', 'documentNumber'], message: 'required' });
      return;
    }
    if (!v.hasConsent) ctx.addIssue({ code: 'custom', path: ['hasConsent'], message: 'consent' });
    if (v.responseMedium === 'email' && !v.customer.email) {
      ctx.addIssue({ code: 'custom', path: ['customer', 'email'], message: 'emailForAnswer' });
    }
    if (v.responseMedium === 'postal' && !v.responseAddress && !v.customer.address) {
      ctx.addIssue({ code: 'custom', path: ['responseAddress'], message: 'required' });
    }
  });
export type CaseFilingInput = z.input<typeof CaseFilingSchema>;
export type CaseFiling = z.infer<typeof CaseFilingSchema>;

const formText = (form: Record<string, unknown>, name: string) => {
  const value = form[name];
  return typeof value === 'string' ? value : undefined;
};

/**
 * The portal form's flat names (`customer.email`) become the nested filing the schema expects: the
 * server parses what arrived this way, and the browser checks the same thing before sending it.
 */
export function portalFilingFromForm(form: Record<string, unknown>) {
  const isAnonymous = formText(form, 'isAnonymous') === 'true';
  return {
    typeCode: formText(form, 'typeCode'),
    channel: 'web',
    subject: formText(form, 'subject'),
    description: formText(form, 'description'),
    isAnonymous,
    hasConsent: formText(form, 'hasConsent') === 'true',
    locale: formText(form, 'locale'),
    responseMedium: 'email',
    customer: isAnonymous
      ? undefined
      : {
          documentType: formText(form, 'customer.documentType'),
          documentNumber: formText(form, 'customer.documentNumber'),
          fullName: formText(form, 'customer.fullName'),
          email: formText(form, 'customer.email'),
          phone: formText(form, 'customer.phone'),
        },
  };
}
