import { z } from 'zod';
import { id, optionalText } from './fields';

/** One rubric score, 1–5 (a form sends it as text; missing reads as NaN and is refused). */
const score = z.coerce
  .number({ error: 'rating' })
  .int({ error: 'rating' })
  .min(1, { error: 'rating' })
  .max(5, { error: 'rating' });

/** The rubric names, in the order the form and the figures show them. */
export const REVIEW_RUBRIC = [
  'greeting',
  'clarity',
  'empathy',
  'accuracy',
  'personalTouch',
] as const;
export type ReviewCriterion = (typeof REVIEW_RUBRIC)[number];

/**
 * A supervisor's quality review of one interaction (DOMAIN.md §6): the five rubric scores are
 * required, the comment is optional.
 */
export const QualityReviewSchema = z.object({
  interactionId: id,
  greeting: score,
  clarity: score,
  empathy: score,
  accuracy: score,
  personalTouch: score,
  comment: optionalText(2000),
});
export type QualityReviewInput = z.input<typeof QualityReviewSchema>;
export type QualityReview = z.infer<typeof QualityReviewSchema>;
