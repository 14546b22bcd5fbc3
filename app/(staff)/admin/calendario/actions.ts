'use server';

import { revalidatePath } from 'next/cache';
import {
  addClosureDay,
  removeClosureDay,
  updateCalendarSettings,
} from '@/lib/server/admin/calendar-settings';
import { runConfigAction, type ConfigResult } from '@/lib/server/admin/config-action';

async function run(form: FormData, change: Parameters<typeof runConfigAction>[1]) {
  const result = await runConfigAction(form, change);
  if (result?.ok) revalidatePath('/admin/calendario');
  return result;
}

export async function addClosureDayAction(form: FormData): Promise<ConfigResult> {
  return run(form, (input, actor) => addClosureDay(input, actor));
}

export async function removeClosureDayAction(form: FormData): Promise<ConfigResult> {
  return run(form, (input, actor) => removeClosureDay(input, actor));
}

export async function updateCalendarSettingsAction(form: FormData): Promise<ConfigResult> {
  return run(form, (input, actor) => updateCalendarSettings(input, actor));
}
