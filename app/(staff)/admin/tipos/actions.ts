'use server';

import { revalidatePath } from 'next/cache';
import { runConfigAction, type ConfigResult } from '@/lib/server/admin/config-action';
import { addServiceLevel } from '@/lib/server/admin/service-levels';
import { setTerm, updateCaseType } from '@/lib/server/admin/terms';

async function run(form: FormData, change: Parameters<typeof runConfigAction>[1]) {
  const result = await runConfigAction(form, change);
  if (result?.ok) revalidatePath('/admin/tipos');
  return result;
}

export async function setTermAction(form: FormData): Promise<ConfigResult> {
  return run(form, (input, actor) => setTerm(input, actor));
}

export async function updateCaseTypeAction(form: FormData): Promise<ConfigResult> {
  return run(form, (input, actor) => updateCaseType(input, actor));
}

export async function addServiceLevelAction(form: FormData): Promise<ConfigResult> {
  return run(form, (input, actor) => addServiceLevel(input, actor));
}
