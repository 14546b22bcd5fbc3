'use server';

import { revalidatePath } from 'next/cache';
import { adminAction } from '@/lib/server/admin/admin-action';
import { updateOrganizationProfile } from '@/lib/server/admin/organization-profile';

const save = adminAction((raw, actor) => {
  const result = updateOrganizationProfile(raw, actor);
  revalidatePath('/', 'layout');
  return result;
});

export async function saveOrganizationAction(fields: Record<string, string>) {
  return save(fields);
}
