'use server';

import type { FormBody } from '@/app/_components/use-form-action';
import {
  addClosureDay,
  removeClosureDay,
  updateCalendarSettings,
} from '@/lib/server/admin/calendar-settings';
import { declareTermSuspension } from '@/lib/server/admin/term-suspensions';
import { action } from '@/lib/server/core/action';
import { AdminFormSchema } from '@/lib/validation/admin-form';

const config = {
  access: 'admin',
  schema: AdminFormSchema,
  messages: ['adminConfig.validation'],
  revalidate: '/admin/calendario',
} as const;

const add = action(config, (ctx, input) => addClosureDay(ctx, input));
const remove = action(config, (ctx, input) => removeClosureDay(ctx, input));
const settings = action(config, (ctx, input) => updateCalendarSettings(ctx, input));
const suspend = action(config, (ctx, input) =>
  declareTermSuspension(ctx, input).then(({ covered, moved }) => ({ covered, moved })),
);

export async function addClosureDayAction(form: FormBody) {
  return add(form);
}
export async function removeClosureDayAction(form: FormBody) {
  return remove(form);
}
export async function updateCalendarSettingsAction(form: FormBody) {
  return settings(form);
}
export async function declareTermSuspensionAction(form: FormBody) {
  return suspend(form);
}
