'use server';

import type { FormBody } from '@/app/_components/use-form-action';
import { anonymiseCustomer } from '@/lib/server/admin/personal-data';
import { action } from '@/lib/server/core/action';
import { AdminFormSchema } from '@/lib/validation/admin-form';

const anonymiseAction = action(
  { access: 'admin', schema: AdminFormSchema, revalidate: '/admin/datos-personales' },
  (ctx, input) => anonymiseCustomer(ctx, input),
);

/** Anonymises one customer on request (admins only; audited in the same transaction). */
export async function anonymise(form: FormBody) {
  return anonymiseAction(form);
}
