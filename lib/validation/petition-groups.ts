import { z } from 'zod';
import { DECISIONS } from '../domain/enums';
import { id, requiredText } from './fields';

/** Art. 22 Ley 1755: a joint answer is for MORE than ten analogous petitions. */
export const MIN_ANALOGOUS_PETITIONS = 11;
export const MAX_ANALOGOUS_PETITIONS = 500;

/** One checked box arrives as a value, several as a list: always a list. */
const caseIds = z.preprocess(
  (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
  z
    .array(id, { error: 'invalid' })
    .min(MIN_ANALOGOUS_PETITIONS, { error: 'tooFewAnalogous' })
    .max(MAX_ANALOGOUS_PETITIONS, { error: 'tooManyCases' })
    .refine((list) => new Set(list).size === list.length, { error: 'duplicateCases' }),
);

/** Grouping analogous petitions: the matter as it will be published, and the cases. */
export const GroupPetitionsSchema = z.object({
  matter: requiredText(5, 300),
  caseId: caseIds,
});

/** The one answer of a group: written once, given to every case of the group still open. */
export const AnswerGroupSchema = z.object({
  groupId: id,
  // Room is left for the note on the joint answer each case's answer carries (case-action: 10,000).
  body: requiredText(20, 9000),
  decision: z.enum(DECISIONS, { error: 'required' }),
});

/** Which group a page or link names. */
export const PetitionGroupTarget = z.object({ groupId: id });
