'use server';

import { revalidatePath } from 'next/cache';
import type { FormBody } from '@/app/_components/use-form-action';
import { setOrganizationLogo } from '@/lib/server/admin/organization-logo';
import { updateOrganizationProfile } from '@/lib/server/admin/organization-profile';
import { action } from '@/lib/server/core/action';
import { AdminFormSchema } from '@/lib/validation/admin-form';

const config = {
  access: 'admin',
  schema: AdminFormSchema,
  messages: ['adminPeople.validation'],
} as const;

const save = action(config, async (ctx, input) => {
  const result = await updateOrganizationProfile(ctx, input);
  // The name and logo head every page: the whole layout re-renders.
  revalidatePath('/', 'layout');
  return result;
});

/** The chosen file's bytes (an empty upload is refused by the verb as `fileEmpty`). */
async function logoBytes(input: Record<string, unknown>): Promise<Uint8Array> {
  const files = input.logo;
  const file = Array.isArray(files) ? (files[0] as unknown) : files;
  return file instanceof File ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array();
}

const logo = action({ ...config, revalidate: '/admin/organizacion' }, async (ctx, input) =>
  setOrganizationLogo(ctx, { bytes: await logoBytes(input) }),
);

export async function saveOrganizationAction(form: FormBody) {
  return save(form);
}
export async function uploadLogoAction(form: FormBody) {
  return logo(form);
}
