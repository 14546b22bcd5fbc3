'use server';

import { revalidatePath } from 'next/cache';
import { adminAction } from '@/lib/server/admin/admin-action';
import { setOrganizationLogo } from '@/lib/server/admin/organization-logo';
import { updateOrganizationProfile } from '@/lib/server/admin/organization-profile';

const save = adminAction((raw, actor) => {
  const result = updateOrganizationProfile(raw, actor);
  revalidatePath('/', 'layout');
  return result;
});

export async function saveOrganizationAction(fields: Record<string, string>) {
  return save(fields);
}

const logo = adminAction(async (raw, actor) => {
  const file = raw instanceof FormData ? raw.get('logo') : null;
  const bytes = file instanceof File ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array();
  const result = await setOrganizationLogo(bytes, actor);
  revalidatePath('/admin/organizacion');
  return result;
});

export async function uploadLogoAction(form: FormData) {
  return logo(form);
}
