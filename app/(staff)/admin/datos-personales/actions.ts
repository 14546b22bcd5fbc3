'use server';

import { revalidatePath } from 'next/cache';
import { staffAction } from '@/lib/server/core/action';
import { requireAdmin } from '@/lib/server/admin/access';
import { anonymiseCustomer } from '@/lib/server/admin/personal-data';
import { CustomerIdSchema } from '@/lib/validation/admin-records';

/** Anonymises one customer on request (admins only; audited in the same transaction). */
export async function anonymise(raw: { customerId: number }) {
  return staffAction({ roles: ['admin'], schema: CustomerIdSchema }, async (input, actor) => {
    await requireAdmin();
    const result = anonymiseCustomer(input, actor);
    revalidatePath('/admin/datos-personales');
    return result;
  })(raw);
}
