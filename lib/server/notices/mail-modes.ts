import 'server-only';
import { first } from '@/db/rows';
import { and, eq } from 'drizzle-orm';
import type { Conn } from '@/db/client';
import { notificationPreferences } from '@/db/tables';
import {
  NOTIFICATION_KINDS,
  modeOf,
  type NotificationKind,
  type NotificationMode,
} from '@/lib/domain/notification-kinds';

/** A person's mode for one kind, and since when they chose it (null: the kind's default). */
export interface MailMode {
  mode: NotificationMode;
  chosenAt: Date | null;
}

/** How a person wants one kind by e-mail (notification_preferences, else the default). */
export async function mailModeOf(tx: Conn, userId: number, kind: string): Promise<MailMode> {
  const row = await first(
    tx
      .select({ mode: notificationPreferences.mode, updatedAt: notificationPreferences.updatedAt })
      .from(notificationPreferences)
      .where(
        and(eq(notificationPreferences.userId, userId), eq(notificationPreferences.kind, kind)),
      ),
  );
  return { mode: modeOf(kind, row?.mode), chosenAt: row?.updatedAt ?? null };
}

/** Every kind's mode for a person, in the order of NOTIFICATION_KINDS. */
export async function mailModesOf(
  tx: Conn,
  userId: number,
): Promise<{ kind: NotificationKind; mode: NotificationMode; isChosen: boolean }[]> {
  const rows = await tx
    .select({ kind: notificationPreferences.kind, mode: notificationPreferences.mode })
    .from(notificationPreferences)
    .where(eq(notificationPreferences.userId, userId));
  const chosen = new Map(rows.map((r) => [r.kind, r.mode]));
  return NOTIFICATION_KINDS.map((kind) => ({
    kind,
    mode: modeOf(kind, chosen.get(kind)),
    isChosen: chosen.has(kind),
  }));
}
