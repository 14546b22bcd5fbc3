import { z } from 'zod';
import { requiredText } from './fields';

export const CASE_SEARCH_LIMITS = {
  queryMax: 200,
  pageSizeMax: 50,
  pageSizeDefault: 20,
  /** Deep pages of a search are never read; the bound keeps OFFSET arithmetic sane. */
  pageMax: 1000,
} as const;

/** The staff search box: free text, or a radicado or document number typed as is. */
export const CaseSearchSchema = z.object({
  q: requiredText(1, CASE_SEARCH_LIMITS.queryMax),
  page: z.coerce
    .number({ error: 'invalid' })
    .int({ error: 'invalid' })
    .min(1, { error: 'invalid' })
    .max(CASE_SEARCH_LIMITS.pageMax, { error: 'invalid' })
    .default(1),
  pageSize: z.coerce
    .number({ error: 'invalid' })
    .int({ error: 'invalid' })
    .min(1, { error: 'invalid' })
    .max(CASE_SEARCH_LIMITS.pageSizeMax, { error: 'invalid' })
    .default(CASE_SEARCH_LIMITS.pageSizeDefault),
});
export type CaseSearchInput = z.input<typeof CaseSearchSchema>;
export type CaseSearch = z.infer<typeof CaseSearchSchema>;
