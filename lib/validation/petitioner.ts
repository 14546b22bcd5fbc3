import { z } from 'zod';
import { CustomerIdentitySchema } from './case-filing';
import { id, optionalEmail, optionalPhone, optionalText, requiredText } from './fields';

const version = z.coerce.number({ error: 'required' }).int({ error: 'invalid' }).min(1);

/**
 * Staff complete the identity of an e-mail or API filing that came without a document (issue 14
 * §5): the same fields the portal asks, on the case the staff member has open (its version, so a
 * change made meanwhile is a conflict).
 */
export const CompleteIdentitySchema = CustomerIdentitySchema.extend({ caseId: id, version });
export type CompleteIdentityInput = z.infer<typeof CompleteIdentitySchema>;

/**
 * A correction of a petitioner's name or contact data. Every field is sent as it should read
 * afterwards: a blank phone or address is cleared; the reason is kept with the before and after.
 */
export const CorrectContactSchema = z.object({
  customerId: id,
  fullName: requiredText(3, 120),
  email: optionalEmail,
  phone: optionalPhone,
  address: optionalText(200),
  reason: requiredText(5, 500),
});
export type CorrectContactInput = z.infer<typeof CorrectContactSchema>;

/** Staff decide on a repeat contact offered by intake: join the open case, or keep both apart. */
export const RepeatDecisionSchema = z.object({
  caseId: id,
  version,
  decision: z.enum(['join', 'separate'], { error: 'required' }),
});
export type RepeatDecisionInput = z.infer<typeof RepeatDecisionSchema>;
