import { z } from 'zod';
import { DECISIONS } from '../domain/enums';
import { requiredText } from './fields';

/** What the answer form sends to see its letter before confirming (nothing is saved). */
export const AnswerPreviewSchema = z.object({
  caseId: z.number().int().positive(),
  decision: z.enum(DECISIONS, { error: 'required' }),
  body: requiredText(1, 10000),
});
export type AnswerPreviewInput = z.infer<typeof AnswerPreviewSchema>;
