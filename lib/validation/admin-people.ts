import { z } from 'zod';
import { STAFF_ROLES } from '../domain/enums';
import { checkbox, id, optionalText, requiredText } from './fields';
import { PASSWORD_MIN_LENGTH } from './staff';

/** An optional id from a form: '' (no choice) means none. */
const optionalId = z.preprocess((v) => (v === '' || v === null ? undefined : v), id.optional());

const password = z
  .string({ error: 'required' })
  .min(PASSWORD_MIN_LENGTH, { error: 'tooShort' })
  .max(200, { error: 'tooLong' });

export const StaffUpdateSchema = z.object({
  userId: id,
  role: z.enum(STAFF_ROLES, { error: 'required' }),
  teamId: optionalId,
});

export const StaffActiveSchema = z.object({
  userId: id,
  isActive: z.preprocess((v) => v === true || v === 'true', z.boolean()),
});

export const PasswordResetSchema = z.object({ userId: id, password });

export const TeamUpdateSchema = z.object({
  teamId: id,
  name: requiredText(3, 120),
  supervisorId: optionalId,
});

export const TeamCreateSchema = z.object({ name: requiredText(3, 120), supervisorId: optionalId });

/** NIT: 9–10 digits, optionally a hyphen and the check digit (900123456-7). */
export const NIT_PATTERN = /^\d{9,10}(-\d)?$/;

export const OrganizationProfileSchema = z.object({
  name: requiredText(2, 160),
  taxId: optionalText(20).pipe(z.string().regex(NIT_PATTERN, { error: 'nit' }).optional()),
  radicadoPrefix: z
    .string({ error: 'required' })
    .trim()
    .regex(/^[A-Z]{2,10}$/, { error: 'radicadoPrefix' }),
  privacyPolicyText: z.string().trim().max(20000, { error: 'tooLong' }),
  privacyPolicyVersion: requiredText(1, 40),
  /** Publish the PQRS figures at /transparencia (Ley 1712 de 2014); off until the admin decides. */
  publishTransparency: checkbox,
});
export type OrganizationProfileInput = z.input<typeof OrganizationProfileSchema>;

/** The staff member a page or verb is about. */
export const StaffMemberIdSchema = z.object({ id });
