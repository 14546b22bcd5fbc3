import { z } from 'zod';
import { PRIORITIES } from '../domain/enums';
import { id, requiredText } from './fields';

/** The most cases one bulk run may carry (the queues' and the board's; each is its own transaction). */
export const MAX_BULK_CASES = 200;

/** What can be done to many cases at once (issue 14 §6); each maps to a single-case use case. */
export const BULK_ACTIONS = ['assign', 'take', 'priority', 'note', 'link_problem'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

/** One selected case, with the version the queue showed: a case changed since then is refused. */
const BulkTarget = z.object({
  caseId: id,
  expectedVersion: z.number().int().positive().optional(),
});

const base = {
  cases: z
    .array(BulkTarget, { error: 'emptySelection' })
    .min(1, { error: 'emptySelection' })
    .max(MAX_BULK_CASES, { error: 'tooManyCases' })
    .refine((list) => new Set(list.map((c) => c.caseId)).size === list.length, {
      error: 'duplicateCases',
    }),
  /** One press of the send button: a resent run is applied once per case (case-action.ts). */
  submissionId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,64}$/, { error: 'invalid' })
    .optional(),
};

export const BulkCasesSchema = z.discriminatedUnion(
  'action',
  [
    z.object({ ...base, action: z.literal('assign'), assigneeId: id }),
    z.object({ ...base, action: z.literal('take') }),
    // Priority goes through reclassify; in bulk the reason is required, so the timeline says why.
    z.object({
      ...base,
      action: z.literal('priority'),
      priority: z.enum(PRIORITIES, { error: 'required' }),
      reason: requiredText(3, 1000),
    }),
    z.object({ ...base, action: z.literal('note'), body: requiredText(1, 10000) }),
    z.object({ ...base, action: z.literal('link_problem'), problemId: id }),
  ],
  { error: 'chooseAction' },
);
export type BulkCasesInput = z.input<typeof BulkCasesSchema>;
export type BulkCasesRequest = z.infer<typeof BulkCasesSchema>;
