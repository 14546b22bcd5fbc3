import { z } from 'zod';
import { startOfLocalDay } from '../domain/calendar';
import { CHANNELS, RESULT_ANSWERS } from '../domain/enums';
import { DESCRIPTION_LIMITS, SUBJECT_LIMITS } from './case-filing';
import { optionalPhone, optionalText, requiredText } from './fields';

/** What the customer portal (/consulta and the case page) accepts; messages are `validation` keys. */

// The look-up form checks these in the browser: they live apart, light (no calendar).
export {
  CaseLookupSchema,
  radicadoField,
  type CaseLookup,
  type CaseLookupInput,
} from './case-lookup';

/** 1–5; forms post strings, so numeric strings are accepted. */
const score = z.coerce
  .number({ error: 'required' })
  .int({ error: 'rating' })
  .min(1, { error: 'rating' })
  .max(5, { error: 'rating' });

/**
 * The RESULT ("did you get what you asked for?") and the PROCESS (courtesy, clarity) in one form,
 * stored apart and never combined (DOMAIN.md §6).
 */
export const RatingSchema = z.object({
  result: z.enum(RESULT_ANSWERS, { error: 'required' }),
  courtesy: score,
  clarity: score,
  comment: optionalText(1000),
});
export type RatingInput = z.input<typeof RatingSchema>;
export type Rating = z.infer<typeof RatingSchema>;

export const DisagreeSchema = z.object({ reason: requiredText(10, 2000) });
export type DisagreeInput = z.input<typeof DisagreeSchema>;
export type Disagree = z.infer<typeof DisagreeSchema>;

/**
 * An instant with its offset (`…Z` or `…-05:00`): a bare local time would be read in the server's
 * zone, so the form converts the org-local time it shows before posting.
 */
export const offsetInstant = z
  .string({ error: 'required' })
  .trim()
  .min(1, { error: 'required' })
  .pipe(z.iso.datetime({ offset: true, error: 'dateTime' }))
  .transform((s) => new Date(s));

/** A `datetime-local` value is the organisation's wall-clock time; one with an offset is kept. */
export function localDateTimeToInstant(value: string, timeZone: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/.exec(value.trim());
  if (!match) return value;
  const [, date, hours, minutes] = match as unknown as [string, string, string, string];
  const start = startOfLocalDay(date, timeZone).getTime();
  return new Date(start + (Number(hours) * 60 + Number(minutes)) * 60_000).toISOString();
}

export const CallbackSchema = z.object({
  preferredAt: offsetInstant,
  phone: optionalPhone,
  note: optionalText(500),
});
export type CallbackInput = z.input<typeof CallbackSchema>;
export type Callback = z.infer<typeof CallbackSchema>;

/** A new contact on a matter that already has an open case (DOMAIN.md §8). */
export const RepeatContactSchema = z.object({
  subject: requiredText(SUBJECT_LIMITS.min, SUBJECT_LIMITS.max),
  description: requiredText(DESCRIPTION_LIMITS.min, DESCRIPTION_LIMITS.max),
  channel: z.enum(CHANNELS, { error: 'required' }),
});
export type RepeatContactInput = z.input<typeof RepeatContactSchema>;
export type RepeatContact = z.infer<typeof RepeatContactSchema>;
