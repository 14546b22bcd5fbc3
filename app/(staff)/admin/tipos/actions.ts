'use server';

import type { FormBody } from '@/app/_components/use-form-action';
import { addServiceLevel } from '@/lib/server/admin/service-levels';
import { setRegime } from '@/lib/server/admin/regime';
import { setTerm, updateCaseType } from '@/lib/server/admin/terms';
import { action } from '@/lib/server/core/action';
import { AdminFormSchema } from '@/lib/validation/admin-form';

const config = {
  access: 'admin',
  schema: AdminFormSchema,
  messages: ['adminConfig.validation'],
  revalidate: '/admin/tipos',
} as const;

const regime = action(config, (ctx, input) => setRegime(ctx, input));
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
export async function setRegimeAction(form: FormBody) {
  return regime(form);
}
