import { z } from 'zod';
import {
  CASE_TYPES,
  DECISIONS,
  INTERACTION_DIRECTIONS,
  INTERACTION_KINDS,
  PRIORITIES,
} from '../domain/enums';
import { id, isoInstant, localDate, optionalText, requiredText } from './fields';

const body = requiredText(1, 10000);
const reason = requiredText(3, 1000);
/** The version the client saw; a stale one is refused instead of overwriting someone's work. */
const base = {
  expectedVersion: z.number().int().positive().optional(),
  /**
   * Names one press of a form's send button: the same submission arriving twice (a resent request,
   * a double click that got through) is applied once and answered with the first outcome.
   */
  submissionId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,64}$/, { error: 'invalid' })
    .optional(),
};
/**
 * The agent's time on what they send (whole minutes, up to a working day): stored with the
 * interaction as handle time, compared with the case type's target in /calidad.
 */
export const MAX_HANDLE_MINUTES = 480;

/** The actions a staff member may send files with: what the petitioner reads, and internal notes. */
export const ACTIONS_WITH_FILES = ['reply', 'request_info', 'answer', 'note'] as const;
export const takesFiles = (action: unknown): boolean =>
  (ACTIONS_WITH_FILES as readonly unknown[]).includes(action);
const handleMinutes = z
  .number({ error: 'invalid' })
  .int({ error: 'invalid' })
  .min(0, { error: 'invalid' })
  .max(MAX_HANDLE_MINUTES, { error: 'invalid' })
  .optional();

export const CaseActionSchema = z.discriminatedUnion(
  'action',
  [
    z.object({ ...base, action: z.literal('take') }),
    z.object({ ...base, action: z.literal('assign'), assigneeId: id }),
    z.object({
      ...base,
      action: z.literal('reclassify'),
      typeCode: z.enum(CASE_TYPES).optional(),
      categoryId: id.optional(),
      processId: id.optional(),
      rootCauseId: id.optional(),
      priority: z.enum(PRIORITIES).optional(),
      reason: optionalText(1000),
    }),
    z.object({
      ...base,
      action: z.literal('reply'),
      body,
      templateId: id.optional(),
      handleMinutes,
    }),
    z.object({ ...base, action: z.literal('note'), body }),
    z.object({
      ...base,
      action: z.literal('log_interaction'),
      kind: z.enum(INTERACTION_KINDS, { error: 'required' }),
      direction: z.enum(INTERACTION_DIRECTIONS).default('outbound'),
      durationSeconds: z.number().int().min(0).max(86400).optional(),
      outcome: optionalText(200),
      body: optionalText(10000),
      handleMinutes,
    }),
    z.object({ ...base, action: z.literal('request_info'), body, handleMinutes }),
    z.object({ ...base, action: z.literal('provide_info'), body }),
    z.object({ ...base, action: z.literal('extend'), reason, newDueDate: localDate }),
    z.object({
      ...base,
      action: z.literal('answer'),
      body,
      decision: z.enum(DECISIONS, { error: 'required' }),
      templateId: id.optional(),
      handleMinutes,
    }),
    z.object({
      ...base,
      action: z.literal('close'),
      processId: id.optional(),
      rootCauseId: id.optional(),
    }),
    z.object({ ...base, action: z.literal('reopen'), reason }),
    z.object({ ...base, action: z.literal('disagree'), reason }),
    z.object({
      ...base,
      action: z.literal('transfer'),
      destination: requiredText(3, 200),
      reason,
    }),
    z.object({ ...base, action: z.literal('withdraw'), reason }),
    z.object({ ...base, action: z.literal('withdraw_tacit') }),
    z.object({ ...base, action: z.literal('auto_close') }),
    z.object({ ...base, action: z.literal('ask_more_time') }),
    z.object({ ...base, action: z.literal('accept_by_silence') }),
    z.object({ ...base, action: z.literal('merge'), targetCaseId: id }),
    z.object({ ...base, action: z.literal('link'), relatedCaseId: id }),
    z.object({
      ...base,
      action: z.literal('add_promise'),
      description: requiredText(3, 500),
      dueAt: isoInstant,
    }),
    z.object({
      ...base,
      action: z.literal('request_callback'),
      preferredAt: isoInstant,
      body: optionalText(1000),
    }),
  ],
  { error: 'invalid' },
);
export type CaseActionInput = z.input<typeof CaseActionSchema>;
export type CaseActionRequest = z.infer<typeof CaseActionSchema>;

/** Which case (or promise) a verb acts on; the rest of the input is the action itself. */
export const CaseTargetSchema = z.looseObject({ caseId: z.number().int().positive() });
export const PromiseTargetSchema = z.looseObject({ promiseId: z.number().int().positive() });
