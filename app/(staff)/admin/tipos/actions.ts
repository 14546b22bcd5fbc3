'use server';

import type { FormBody } from '@/app/_components/use-form-action';
import { addServiceLevel } from '@/lib/server/admin/service-levels';
import { setTerm, updateCaseType } from '@/lib/server/admin/terms';
import { action } from '@/lib/server/core/action';
import { AdminFormSchema } from '@/lib/validation/admin-form';

const config = {
  access: 'admin',
  schema: AdminFormSchema,
  messages: ['adminConfig.validation'],
  revalidate: '/admin/tipos',
} as const;

const term = action(config, (ctx, input) => setTerm(ctx, input));
const caseType = action(config, (ctx, input) => updateCaseType(ctx, input));
const serviceLevel = action(config, (ctx, input) => addServiceLevel(ctx, input));

export async function setTermAction(form: FormBody) {
  return term(form);
}
export async function updateCaseTypeAction(form: FormBody) {
  return caseType(form);
}
export async function addServiceLevelAction(form: FormBody) {
  return serviceLevel(form);
}
