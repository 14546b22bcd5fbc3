import { z } from 'zod';
import { STAFF_ROLES } from '../domain/enums';
import { id, requiredEmail, requiredText } from './fields';

export const PASSWORD_MIN_LENGTH = 10;

export const StaffUserSchema = z.object({
  email: requiredEmail,
  name: requiredText(3, 120),
  role: z.enum(STAFF_ROLES, { error: 'required' }),
  teamId: id.optional(),
  password: z
    .string({ error: 'required' })
    .min(PASSWORD_MIN_LENGTH, { error: 'tooShort' })
    .max(200, { error: 'tooLong' }),
});
export type StaffUserInput = z.input<typeof StaffUserSchema>;

export const TeamSchema = z.object({ name: requiredText(3, 120), supervisorId: id.optional() });
export type TeamInput = z.input<typeof TeamSchema>;
