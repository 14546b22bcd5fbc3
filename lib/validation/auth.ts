import { z } from 'zod';
import { requiredEmail } from './fields';

export const SignInSchema = z.object({
  email: requiredEmail,
  password: z
    .string({ error: 'required' })
    .min(1, { error: 'required' })
    .max(200, { error: 'tooLong' }),
});
export type SignIn = z.infer<typeof SignInSchema>;
