'use server';

import type { FormBody } from '@/app/_components/use-form-action';
import {
  createTemplate,
  setTemplateActive,
  updateTemplate,
} from '@/lib/server/admin/templates-admin';
import { action } from '@/lib/server/core/action';
import { AdminFormSchema } from '@/lib/validation/admin-form';

/** Template changes: admins only; an unknown placeholder is named by `adminCatalog.errors`. */
const config = {
  access: 'admin',
  schema: AdminFormSchema,
  messages: ['adminCatalog.errors'],
  revalidate: '/admin/plantillas',
} as const;

const create = action(config, async (ctx, input) => {
  await createTemplate(ctx, input);
});
const update = action(config, (ctx, input) => updateTemplate(ctx, input));
const toggle = action(config, (ctx, input) => setTemplateActive(ctx, input));

export async function createTemplateAction(form: FormBody) {
  return create(form);
}
export async function updateTemplateAction(form: FormBody) {
  return update(form);
}
export async function toggleTemplateAction(form: FormBody) {
  return toggle(form);
}
