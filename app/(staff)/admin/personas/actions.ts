'use server';

import type { FormBody } from '@/app/_components/use-form-action';
import { createStaffUser } from '@/lib/server/admin/create-staff-user';
import { resetStaffPassword } from '@/lib/server/admin/reset-staff-password';
import { setStaffActive } from '@/lib/server/admin/set-staff-active';
import { createTeamWithSupervisor, updateTeam } from '@/lib/server/admin/teams';
import { updateStaffUser } from '@/lib/server/admin/update-staff-user';
import { action } from '@/lib/server/core/action';
import { AdminFormSchema, withoutEmpty } from '@/lib/validation/admin-form';

/** People and teams: admins only; field messages from `adminPeople.validation` first. */
const config = {
  access: 'admin',
  schema: AdminFormSchema,
  messages: ['adminPeople.validation'],
  revalidate: '/admin/personas',
} as const;

const create = action(config, (ctx, input) => createStaffUser(ctx, withoutEmpty(input)));
const update = action(config, (ctx, input) => updateStaffUser(ctx, input));
const activate = action(config, (ctx, input) => setStaffActive(ctx, input));
const reset = action(config, async (ctx, input) => {
  await resetStaffPassword(ctx, input);
  return { ok: true };
});
const newTeam = action(config, (ctx, input) => createTeamWithSupervisor(ctx, input));
const editTeam = action(config, (ctx, input) => updateTeam(ctx, input));

export async function createStaffAction(form: FormBody) {
  return create(form);
}
export async function updateStaffAction(form: FormBody) {
  return update(form);
}
export async function setStaffActiveAction(form: FormBody) {
  return activate(form);
}
export async function resetPasswordAction(form: FormBody) {
  return reset(form);
}
export async function createTeamAction(form: FormBody) {
  return newTeam(form);
}
export async function updateTeamAction(form: FormBody) {
  return editTeam(form);
}
