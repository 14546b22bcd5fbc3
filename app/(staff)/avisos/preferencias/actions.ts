'use server';

import type { FormBody } from '@/app/_components/use-form-action';
import { action } from '@/lib/server/core/action';
import { saveNotificationPreferences } from '@/lib/server/notices/notification-preferences';
import { AdminFormSchema } from '@/lib/validation/admin-form';

/** The signed-in person's own modes: the verb parses the fields and takes whose from the session. */
const save = action(
  {
    access: 'staff',
    schema: AdminFormSchema,
    messages: ['notificationPrefs.validation'],
    revalidate: '/avisos/preferencias',
  },
  (ctx, input) => saveNotificationPreferences(ctx, input),
);

export async function saveNotificationPreferencesAction(form: FormBody) {
  return save(form);
}
