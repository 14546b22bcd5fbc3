import { z } from 'zod';
import { CASE_TYPES, PRIORITIES } from '@/lib/domain/enums';
import { REGIMES } from '@/lib/domain/regimes';
import { checkbox, localDate, requiredText } from './fields';

/**
 * Administration of terms, service levels and the calendar. Messages are keys: the admin screens
 * translate them with `adminConfig.validation` first, then the shared `validation` catalogue.
 */
const wholeNumber = (min: number, max: number, key: string) =>
  z.coerce
    .number({ error: key })
    .refine((n) => Number.isInteger(n), { error: key })
    .refine((n) => n >= min && n <= max, { error: key });

export const TermChangeSchema = z
  .object({
    typeCode: z.enum(CASE_TYPES, { error: 'invalid' }),
    /** Blank or "none" means no legal term, allowed only for a Felicitación (F). */
    termDays: z.union([z.literal('none'), z.literal(''), wholeNumber(1, 90, 'termRange')], {
      error: 'termRange',
    }),
    /** Business days a prórroga may add (0: none); blank: as many as the term (the 2N cap). */
    extensionDays: z
      .union([z.literal(''), wholeNumber(0, 90, 'extensionRange')], { error: 'extensionRange' })
      .optional(),
    reason: requiredText(3, 500),
  })
  .transform((v) => ({
    ...v,
    termDays: typeof v.termDays === 'number' ? v.termDays : null,
    extensionDays: typeof v.extensionDays === 'number' ? v.extensionDays : null,
  }))
  .refine((v) => v.termDays !== null || v.typeCode === 'F', {
    error: 'termRequired',
    path: ['termDays'],
  })
  .refine((v) => v.extensionDays === null || (v.termDays ?? 0) >= v.extensionDays, {
    error: 'extensionBeyondTerm',
    path: ['extensionDays'],
  });
export type TermChange = z.infer<typeof TermChangeSchema>;

/** Choosing the organisation's legal regime (lib/domain/regimes.ts), with the act or reason. */
export const RegimeChangeSchema = z.object({
  regime: z.enum(REGIMES, { error: 'invalid' }),
  reason: requiredText(3, 500),
});

export const CaseTypeSettingsSchema = z.object({
  typeCode: z.enum(CASE_TYPES, { error: 'invalid' }),
  allowsAnonymous: checkbox,
  isActive: checkbox,
  handleTargetMinutes: wholeNumber(1, 480, 'handleTargetRange'),
});

const optionalId = z
  .union([z.literal(''), z.coerce.number().int().positive()], { error: 'invalid' })
  .optional()
  .transform((v) => (typeof v === 'number' ? v : null));

export const ServiceLevelSchema = z.object({
  typeCode: z
    .union([z.literal(''), z.enum(CASE_TYPES)], { error: 'invalid' })
    .optional()
    .transform((v) => (v ? v : null)),
  categoryId: optionalId,
  priority: z
    .union([z.literal(''), z.enum(PRIORITIES)], { error: 'invalid' })
    .optional()
    .transform((v) => (v ? v : null)),
  firstResponseHours: wholeNumber(1, 240, 'firstResponseRange'),
  resolutionDays: wholeNumber(1, 90, 'resolutionRange'),
});

export const ClosureDaySchema = z.object({
  date: localDate,
  reason: requiredText(3, 200),
});

export const ClosureRemovalSchema = z.object({ date: localDate });

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return name.includes('/') || name === 'UTC';
  } catch {
    return false;
  }
}

export const CalendarSettingsSchema = z
  .object({
    businessHoursStart: wholeNumber(0, 24, 'hourRange'),
    businessHoursEnd: wholeNumber(0, 24, 'hourRange'),
    worksSaturday: checkbox,
    timeZone: z
      .string({ error: 'required' })
      .trim()
      .min(1, { error: 'required' })
      .refine(isTimeZone, { error: 'timeZone' }),
  })
  .refine((v) => v.businessHoursStart < v.businessHoursEnd, {
    error: 'hoursOrder',
    path: ['businessHoursEnd'],
  });

/** The year the calendar page shows. */
export const CalendarYearSchema = z.object({ year: z.coerce.number().int().min(2000).max(2100) });

/**
 * A suspension of terms: the act that declares it, its first and last days (both included) and
 * the types it covers (none named: every type).
 */
export const TermSuspensionSchema = z
  .object({
    act: requiredText(3, 160),
    fromDate: localDate,
    toDate: localDate,
    scope: z.enum(['all', 'types'], { error: 'invalid' }).default('all'),
    typeCodes: z
      .preprocess(
        (v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]),
        z.array(z.enum(CASE_TYPES, { error: 'invalid' })).max(CASE_TYPES.length),
      )
      .default([]),
  })
  .refine((v) => v.toDate >= v.fromDate, { error: 'suspensionEndsBeforeStart', path: ['toDate'] })
  .refine((v) => v.scope === 'all' || v.typeCodes.length > 0, {
    error: 'suspensionTypes',
    path: ['typeCodes'],
  });
export type TermSuspensionInput = z.input<typeof TermSuspensionSchema>;
