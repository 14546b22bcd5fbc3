'use server';

import type { FormBody } from '@/app/_components/use-form-action';
import { action } from '@/lib/server/core/action';
import { correctContact } from '@/lib/server/petitioners/correct-contact';
import { CorrectContactSchema } from '@/lib/validation/petitioner';

const correctAction = action(
  { access: 'staff', schema: CorrectContactSchema, messages: ['petitioners.validation'] },
  correctContact,
);

/** Corrects the name or contact data of the petitioner the page shows (bound: customerId). */
export async function correctPetitioner(customerId: number, body: FormBody) {
  return correctAction(body, { customerId });
}
