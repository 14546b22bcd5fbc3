'use server';

import type { FormBody } from '@/app/_components/use-form-action';
import { action } from '@/lib/server/core/action';
import { discardQuarantined, radicateQuarantined } from '@/lib/server/intake/mail-quarantine';
import { AdminFormSchema } from '@/lib/validation/admin-form';

/** Supervisors decide about quarantined mail, one click each (issue 19 §3). */
const config = {
  access: 'supervision',
  schema: AdminFormSchema,
  revalidate: '/correo/cuarentena',
} as const;

const radicate = action(config, async (ctx, input) => {
  await radicateQuarantined(ctx, input);
});
const discard = action(config, (ctx, input) => discardQuarantined(ctx, input));

export async function radicateQuarantinedAction(form: FormBody) {
  return radicate(form);
}
export async function discardQuarantinedAction(form: FormBody) {
  return discard(form);
}
