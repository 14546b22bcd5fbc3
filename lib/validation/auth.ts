import { z } from 'zod';

export const SignInSchema = z.object({
  email: z
    .string({ error: 'required' })
    .trim()
    .toLowerCase()
    .min(1, { error: 'required' })
    .max(254, { error: 'tooLong' })
    .pipe(z.email({ error: 'email' })),
  password: z
    .string({ error: 'required' })
    .min(1, { error: 'required' })
    .max(200, { error: 'tooLong' }),
});
export type SignIn = z.infer<typeof SignInSchema>;
