import 'server-only';
import { and, count, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { cases, notifications } from '@/db/schema';

/** The bell: how many of the user's alerts are unread (index notifications_user_read_idx). */
export function unreadCount(db: Db, userId: number): number {
  return (
    db
      .select({ n: count() })
      .from(notifications)
      .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
      .get()?.n ?? 0
  );
}

/** The user's latest alerts, unread first, with the case they are about. */
export function listNotifications(db: Db, userId: number, limit = 100) {
  return db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      readAt: notifications.readAt,
      createdAt: notifications.createdAt,
      radicado: cases.radicado,
      subject: cases.subject,
    })
    .from(notifications)
    .leftJoin(cases, eq(cases.id, notifications.caseId))
    .where(eq(notifications.userId, userId))
    .orderBy(desc(isNull(notifications.readAt)), desc(notifications.id))
    .limit(limit)
    .all();
}

/** Marks every unread alert of the user as read; returns how many. */
export function markAllRead(db: Db, userId: number, now: Date): number {
  return db
    .update(notifications)
    .set({ readAt: now })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .run().changes;
}
