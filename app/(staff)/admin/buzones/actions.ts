'use server';

import type { FormBody } from '@/app/_components/use-form-action';
import { action } from '@/lib/server/core/action';
import {
  createMailbox,
  setMailboxActive,
  updateMailbox,
} from '@/lib/server/mailboxes/mailboxes-admin';
import { AdminFormSchema } from '@/lib/validation/admin-form';

/** Mailboxes: admins only; every save is tried against the server first (mailboxes-admin.ts). */
const config = {
  access: 'admin',
  schema: AdminFormSchema,
  messages: ['mailboxes.validation'],
  revalidate: '/admin/buzones',
} as const;

const create = action(config, async (ctx, input) => {
  await createMailbox(ctx, input);
});
const update = action(config, (ctx, input) => updateMailbox(ctx, input));
const toggle = action(config, (ctx, input) => setMailboxActive(ctx, input));

export async function createMailboxAction(form: FormBody) {
  return create(form);
}
export async function updateMailboxAction(form: FormBody) {
  return update(form);
}
export async function toggleMailboxAction(form: FormBody) {
  return toggle(form);
}
