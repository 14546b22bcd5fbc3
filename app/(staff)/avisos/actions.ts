'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { currentStaff } from '@/lib/server/auth/session';
import { markAllRead } from '@/lib/server/notices/notifications';

/** Marks the signed-in user's alerts as read (their own only: the user comes from the session). */
export async function markAllReadAction(): Promise<void> {
  const staff = await currentStaff();
  if (!staff) return;
  markAllRead(getDb(), staff.id, new Date());
  revalidatePath('/', 'layout');
}
