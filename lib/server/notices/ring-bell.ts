import 'server-only';
import { first } from '@/db/rows';
import { eq } from 'drizzle-orm';
import type { Conn } from '@/db/client';
import { cases, notifications, staffUsers } from '@/db/tables';
import type { Locale } from '@/lib/domain/enums';
import type { NotificationKind } from '@/lib/domain/notification-kinds';
import { alertMail } from './alert-mail';
import { mailModeOf } from './mail-modes';
import { enqueueMail } from './outbox';

export interface Bell {
  userId: number;
  caseId: number;
  kind: NotificationKind;
  /** One alert per key, ever: a repeated job or a retried transaction rings nothing twice. */
  dedupeKey: string;
  now: Date;
  /** The kind's own words beyond the case (a due date, the promise), in the person's language. */
  details?: (locale: Locale) => Record<string, string>;
}

/**
 * Puts one alert in a person's bell and, when they want that kind by e-mail at once, queues its
 * mail in the same transaction and notes it mailed; digest kinds wait for the daily digest
 * (jobs/daily-digest.ts), 'off' kinds stay in the bell only. Nobody inactive is alerted. Returns
 * false when the key was already used or the person is inactive. Callers leave out the actor.
 */
export async function ringBell(tx: Conn, bell: Bell): Promise<boolean> {
  const user = await first(
    tx
      .select({ email: staffUsers.email, locale: staffUsers.locale, isActive: staffUsers.isActive })
      .from(staffUsers)
      .where(eq(staffUsers.id, bell.userId)),
  );
  if (!user?.isActive) return false;
  const inserted = await first(
    tx
      .insert(notifications)
      .values({
        userId: bell.userId,
        caseId: bell.caseId,
        kind: bell.kind,
        dedupeKey: bell.dedupeKey,
        createdAt: bell.now,
      })
      .onConflictDoNothing({ target: notifications.dedupeKey })
      .returning({ id: notifications.id }),
  );
  if (!inserted) return false;
  if ((await mailModeOf(tx, bell.userId, bell.kind)).mode !== 'immediate') return true;
  const c = await first(
    tx
      .select({ radicado: cases.radicado, subject: cases.subject })
      .from(cases)
      .where(eq(cases.id, bell.caseId)),
  );
  if (!c) return true;
  const mail = alertMail(user.locale, bell.kind, { ...c, ...bell.details?.(user.locale) });
  await enqueueMail(tx, {
    kind: `alert_${bell.kind}`,
    caseId: bell.caseId,
    to: user.email,
    ...mail,
    locale: user.locale,
    now: bell.now,
    dedupeKey: `notification.${bell.dedupeKey}`,
  });
  await tx
    .update(notifications)
    .set({ mailedAt: bell.now })
    .where(eq(notifications.id, inserted.id));
  return true;
}
