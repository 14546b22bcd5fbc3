import { z } from 'zod';
import { PROBLEM_STATUSES } from '../domain/enums';
import { MAX_PERIOD_DAYS } from './analytics-query';
import { id, localDate, optionalText, requiredText } from './fields';
import { radicadoField } from './portal';

export const PROBLEM_TITLE_LIMITS = { min: 5, max: 200 } as const;

/** A select left on "none" sends an empty string: that is "not given", not an invalid id. */
const optionalId = z.preprocess((v) => (v === '' || v === null ? undefined : v), id.optional());

/**
 * What a person writes about a problem (DOMAIN.md §7): a systemic cause with an owner and a
 * corrective action. Process and root cause are optional (a cause implies its process).
 */
export const ProblemFieldsSchema = z.object({
  title: requiredText(PROBLEM_TITLE_LIMITS.min, PROBLEM_TITLE_LIMITS.max),
  description: optionalText(5000),
  processId: optionalId,
  rootCauseId: optionalId,
  ownerId: optionalId,
  correctiveAction: optionalText(5000),
});
export type ProblemFieldsInput = z.input<typeof ProblemFieldsSchema>;
export type ProblemFields = z.infer<typeof ProblemFieldsSchema>;

export const ProblemStatusSchema = z.object({
  status: z.enum(PROBLEM_STATUSES, { error: 'required' }),
});

export const LinkCaseSchema = z.object({ radicado: radicadoField });
export const UnlinkCaseSchema = z.object({ caseId: id });

/** "Every complaint of this cause received in the period" (local dates, both inclusive). */
export const LinkCauseSchema = z
  .object({ from: localDate, to: localDate })
  .superRefine((v, ctx) => {
    if (v.from > v.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'invalid' });
    const days = (Date.parse(v.to) - Date.parse(v.from)) / 86_400_000 + 1;
    if (days > MAX_PERIOD_DAYS)
      ctx.addIssue({ code: 'custom', path: ['from'], message: 'invalid' });
  });

/** The problem a change or a read is about (the id from the URL, inside the input). */
export const ProblemRefSchema = z.object({ problemId: id });

/** Every change to an existing problem goes through one route, named by `action`. */
export const PROBLEM_ACTIONS = ['update', 'set_status', 'link', 'unlink', 'link_cause'] as const;
export type ProblemAction = (typeof PROBLEM_ACTIONS)[number];
export const ProblemActionSchema = z.object({
  action: z.enum(PROBLEM_ACTIONS, { error: 'invalid' }),
});
