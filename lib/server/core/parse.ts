import 'server-only';
import type { z } from 'zod';
import { collectFieldErrors } from '@/lib/validation/issues';
import { AppError } from './errors';

/** Parses at the boundary: bad input becomes a VALIDATION error with field-level message keys. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const keyed = collectFieldErrors(result.error);
  const fieldErrors = Object.fromEntries(
    Object.entries(keyed).map(([field, list]) => [field, list.map((e) => e.key)]),
  );
  throw new AppError('VALIDATION', 'invalid input', { fieldErrors, detail: { issues: keyed } });
}
