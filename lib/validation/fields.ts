import { z } from 'zod';
import { isValidLocalDate } from '../domain/local-date';

/** Building blocks shared by every schema; messages are keys of the `validation` catalogue. */
export const requiredText = (min: number, max: number) =>
  z
    .string({ error: 'required' })
    .trim()
    .min(1, { error: 'required' })
    .min(min, { error: 'tooShort' })
    .max(max, { error: 'tooLong' });

export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: 'tooLong' })
    .optional()
    .transform((v) => (v ? v : undefined));

export const id = z.coerce
  .number({ error: 'required' })
  .int({ error: 'invalid' })
  .positive({ error: 'invalid' });

/** A day as YYYY-MM-DD within the calendar's years (domain/calendar.ts). */
export const localDate = z
  .string({ error: 'required' })
  .refine(isValidLocalDate, { error: 'date' });

export const isoInstant = z
  .string({ error: 'required' })
  .min(1, { error: 'required' })
  .refine((s) => !Number.isNaN(Date.parse(s)), { error: 'dateTime' })
  .transform((s) => new Date(s));

export const optionalEmail = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, { error: 'tooLong' })
  .optional()
  .transform((v) => (v ? v : undefined))
  .pipe(z.email({ error: 'email' }).optional());

export const optionalPhone = z
  .string()
  .trim()
  .max(30, { error: 'tooLong' })
  .optional()
  .transform((v) => (v ? v : undefined))
  .pipe(
    z
      .string()
      .regex(/^\+?[0-9 ()-]{7,20}$/, { error: 'phone' })
      .optional(),
  );

/** A required email, normalised to lower case (sign-in and account emails). */
export const requiredEmail = z
  .string({ error: 'required' })
  .trim()
  .toLowerCase()
  .min(1, { error: 'required' })
  .max(254, { error: 'tooLong' })
  .pipe(z.email({ error: 'email' }));

/** A form checkbox: sent as 'on' when ticked, absent when not; JSON callers send a boolean. */
export const checkbox = z
  .union([z.boolean(), z.literal('on'), z.literal('true'), z.literal('false'), z.literal('')])
  .optional()
  .transform((v) => v === true || v === 'on' || v === 'true');

/** Hosts a service of ours may reach over plain http: this machine only (tests, dev, a local proxy). */
const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

/**
 * The address of a service the server calls (a channel's webhook, an OAuth2 token endpoint): https
 * anywhere, http only to the loopback host; no credentials in the URL, no fragment.
 */
export function isServiceUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.username || url.password || url.hash) return false;
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && LOOPBACK_HOSTS.includes(url.hostname);
}
