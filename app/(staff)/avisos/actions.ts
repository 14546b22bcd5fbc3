'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { action } from '@/lib/server/core/action';
import { markAllRead } from '@/lib/server/notices/notifications';

/** The signed-in user's alerts only: whose they are comes from the session, not the form. */
const markAllReadAction = action({ access: 'staff', schema: z.object({}) }, async (ctx) => {
  const marked = await markAllRead(ctx);
  // Every staff page shows the bell's count (the layout): re-render them all.
  revalidatePath('/', 'layout');
  return marked;
});

/** Marks the signed-in user's alerts as read. */
export async function markAllReadFromForm(form: FormData): Promise<void> {
  await markAllReadAction(form);
}
