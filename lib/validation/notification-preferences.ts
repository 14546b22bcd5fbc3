import { z } from 'zod';
import {
  NOTIFICATION_MODES,
  isNotificationKind,
  type NotificationKind,
  type NotificationMode,
} from '../domain/notification-kinds';

/**
 * The preference form: one field per kind, named by the kind, holding its mode
 * (`{ team_queue: 'digest', rated_no: 'off' }`). Any subset may be sent; a field that is no kind,
 * or a mode that is none of the three, is refused by its own name, and nothing is saved.
 */
export const NotificationPreferencesSchema = z
  .record(z.string(), z.unknown())
  .superRefine((fields, ctx) => {
    const keys = Object.keys(fields);
    if (keys.length === 0) ctx.addIssue({ code: 'custom', path: ['_form'], message: 'required' });
    for (const key of keys) {
      if (!isNotificationKind(key)) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'unknownKind' });
      } else if (!(NOTIFICATION_MODES as readonly unknown[]).includes(fields[key])) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'invalid' });
      }
    }
  })
  .transform((fields) =>
    Object.entries(fields).map(([kind, mode]) => ({
      kind: kind as NotificationKind,
      mode: mode as NotificationMode,
    })),
  );
export type NotificationPreferenceChoice = z.infer<typeof NotificationPreferencesSchema>[number];
