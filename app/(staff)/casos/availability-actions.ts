'use server';

import type { FormBody } from '@/app/_components/use-form-action';
import { action } from '@/lib/server/core/action';
import { setAvailability } from '@/lib/server/routing/set-availability';
import { AdminFormSchema } from '@/lib/validation/admin-form';

/** An agent marks themself away or back (issue 14): only their own flag, whatever the form says. */
const toggle = action(
  { access: 'staff', schema: AdminFormSchema, revalidate: '/casos' },
  (ctx, input) => setAvailability(ctx, { userId: ctx.actor.id, isAvailable: input.isAvailable }),
);

export async function setMyAvailabilityAction(form: FormBody) {
  return toggle(form);
}

/** A supervisor marks one of the people they lead away or back (set-availability checks whom). */
const member = action(
  { access: 'supervision', schema: AdminFormSchema, revalidate: '/casos' },
  (ctx, input) => setAvailability(ctx, input),
);

export async function setMemberAvailabilityAction(form: FormBody) {
  return member(form);
}
