'use server';

import { revalidatePath } from 'next/cache';
import { adminAction } from '@/lib/server/admin/admin-action';
import { resetStaffPassword, setStaffActive, updateStaffUser } from '@/lib/server/admin/people';
import { createTeamWithSupervisor, updateTeam } from '@/lib/server/admin/teams';
import { createStaffUser } from '@/lib/server/admin/create-staff-user';

type Fields = Record<string, string>;

/** Form fields arrive as text; an empty choice means "none". */
const withoutEmpty = (fields: Fields) =>
  Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== ''));

const done = <T>(result: T) => {
  revalidatePath('/admin/personas', 'layout');
  return result;
};

const create = adminAction((raw, actor) => done(createStaffUser(raw, actor)));
const update = adminAction((raw, actor) => done(updateStaffUser(raw, actor)));
const activate = adminAction((raw, actor) => done(setStaffActive(raw, actor)));
const reset = adminAction((raw, actor) => {
  resetStaffPassword(raw, actor);
  return { ok: true };
});
const newTeam = adminAction((raw, actor) => done(createTeamWithSupervisor(raw, actor)));
const editTeam = adminAction((raw, actor) => done(updateTeam(raw, actor)));

export async function createStaffAction(fields: Fields) {
  return create(withoutEmpty(fields));
}
export async function updateStaffAction(fields: Fields) {
  return update(fields);
}
export async function setStaffActiveAction(fields: Fields) {
  return activate(fields);
}
export async function resetPasswordAction(fields: Fields) {
  return reset(fields);
}
export async function createTeamAction(fields: Fields) {
  return newTeam(fields);
}
export async function updateTeamAction(fields: Fields) {
  return editTeam(fields);
}
