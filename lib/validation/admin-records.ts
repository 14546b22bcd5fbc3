import { z } from 'zod';
import { id, localDate } from './fields';

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    schema.optional(),
  );

/** /admin/auditoria filters (all optional): staff actor, radicado, action, local date range, cursor. */
export const AuditQuerySchema = z
  .object({
    actor: optional(id),
    radicado: optional(z.string().trim().max(40, { error: 'tooLong' })),
    action: optional(
      z
        .string()
        .trim()
        .max(60, { error: 'tooLong' })
        .regex(/^[a-z_]+$/, { error: 'invalid' }),
    ),
    from: optional(localDate),
    to: optional(localDate),
    before: optional(id),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { error: 'dateRange', path: ['to'] });
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

/** Reads the filters from a URL's search params (unknown keys ignored). */
export function auditQueryInput(params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of ['actor', 'radicado', 'action', 'from', 'to', 'before']) {
    const v = params.get(key);
    if (v !== null) out[key] = v;
  }
  return out;
}

/** The customer finder: a document number, a name or an e-mail. */
export const CustomerFinderSchema = z.object({
  q: z
    .string({ error: 'required' })
    .trim()
    .min(2, { error: 'tooShort' })
    .max(120, { error: 'tooLong' }),
});

export const CustomerIdSchema = z.object({ customerId: id });
