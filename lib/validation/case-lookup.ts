import { z } from 'zod';
import { parseRadicado } from '../domain/radicado';

/**
 * Checking a case without an account (the portal's /consulta): its radicado and the document
 * number (or access code). Apart from the other portal schemas so the look-up form, which runs it
 * in the browser, carries no calendar with it.
 */
export const radicadoField = z
  .string({ error: 'required' })
  .trim()
  .min(1, { error: 'required' })
  .toUpperCase()
  .refine((s) => parseRadicado(s) !== null, { error: 'radicado' });

/** Checking a case without an account: its radicado and the document number (or access code). */
export const CaseLookupSchema = z.object({
  radicado: radicadoField,
  secret: z
    .string({ error: 'required' })
    .trim()
    .min(1, { error: 'required' })
    .max(40, { error: 'tooLong' }),
});
export type CaseLookupInput = z.input<typeof CaseLookupSchema>;
export type CaseLookup = z.infer<typeof CaseLookupSchema>;
