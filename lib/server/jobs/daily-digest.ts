import 'server-only';
import { first } from '@/db/rows';
import { and, asc, eq, gt, inArray, isNull, lte } from 'drizzle-orm';
import type { Conn } from '@/db/client';
import { cases, notificationPreferences, notifications, outbox, staffUsers } from '@/db/tables';
import { localHour, startOfLocalDay, toLocalDate } from '@/lib/domain/calendar';
import { modeOf, type NotificationKind } from '@/lib/domain/notification-kinds';
import { env } from '@/lib/env';
import { withTransaction, type Ctx } from '../core/context';
import { getOrganization } from '../core/organization';
import { digestMail } from '../notices/alert-mail';
import { enqueueMail, messageIdFor } from '../notices/outbox';

const HOUR = 60 * 60_000;
/** Older unread alerts are no news: they stay in the bell but no digest carries them. */
const LOOK_BACK_MS = 7 * 24 * HOUR;

interface Pending {
  id: number;
  userId: number;
  kind: string;
  createdAt: Date;
  radicado: string;
  subject: string;
  chosenMode: 'immediate' | 'digest' | 'off' | null;
  chosenAt: Date | null;
}

/**
 * The alerts each active person wants in the digest, not yet mailed and still unread, that came
 * in before today's digest time. An alert counts only if the person wanted it in the digest when
 * it came: one from before they switched a kind from 'off' to 'digest' is not dug up.
 */
async function pendingByPerson(db: Conn, from: Date, until: Date): Promise<Map<number, Pending[]>> {
  const rows: Pending[] = await db
    .select({
      id: notifications.id,
      userId: notifications.userId,
      kind: notifications.kind,
      createdAt: notifications.createdAt,
      radicado: cases.radicado,
      subject: cases.subject,
      chosenMode: notificationPreferences.mode,
      chosenAt: notificationPreferences.updatedAt,
    })
    .from(notifications)
    .innerJoin(
      staffUsers,
      and(eq(staffUsers.id, notifications.userId), eq(staffUsers.isActive, true)),
    )
    .innerJoin(cases, eq(cases.id, notifications.caseId))
    .leftJoin(
      notificationPreferences,
      and(
        eq(notificationPreferences.userId, notifications.userId),
        eq(notificationPreferences.kind, notifications.kind),
      ),
    )
    .where(
      and(
        isNull(notifications.mailedAt),
        isNull(notifications.readAt),
        gt(notifications.createdAt, from),
        lte(notifications.createdAt, until),
      ),
    )
    .orderBy(asc(notifications.id));
  const byPerson = new Map<number, Pending[]>();
  for (const row of rows) {
    if (modeOf(row.kind, row.chosenMode) !== 'digest') continue;
    if (row.chosenAt !== null && row.createdAt < row.chosenAt) continue;
    const list = byPerson.get(row.userId) ?? [];
    list.push(row);
    byPerson.set(row.userId, list);
  }
  return byPerson;
}

/**
 * Once a day, from DIGEST_HOUR in the organisation's time zone: ONE e-mail per person listing
 * their digest alerts (kind, radicado, subject, link), which are then marked mailed. The day's
 * mail has a fixed key (`digest.<person>.<local date>`): a second run, a second instance or a
 * run after a restart that day sends nothing again; alerts that arrive after the digest time wait
 * for tomorrow's. Returns how many digests were queued.
 */
export async function sendDailyDigests(
  ctx: Ctx,
  hour: number = env().DIGEST_HOUR,
): Promise<number> {
  const { db, now } = ctx;
  const { timeZone } = await getOrganization(db);
  if (localHour(now, timeZone) < hour) return 0;
  const day = toLocalDate(now, timeZone);
  const digestAt = new Date(startOfLocalDay(day, timeZone).getTime() + hour * HOUR);
  const pending = await pendingByPerson(db, new Date(digestAt.getTime() - LOOK_BACK_MS), digestAt);
  let sent = 0;
  for (const [userId, items] of pending) {
    const queued = await withTransaction(ctx, async ({ db: tx }) => {
      const dedupeKey = `digest.${userId}.${day}`;
      const already = await first(
        tx
          .select({ id: outbox.id })
          .from(outbox)
          .where(eq(outbox.messageId, messageIdFor(dedupeKey))),
      );
      if (already) return false;
      // Read or mailed since the look above (the person opened the bell meanwhile): left out.
      const still = new Set(
        (
          await tx
            .select({ id: notifications.id })
            .from(notifications)
            .where(
              and(
                inArray(
                  notifications.id,
                  items.map((i) => i.id),
                ),
                isNull(notifications.mailedAt),
                isNull(notifications.readAt),
              ),
            )
        ).map((r) => r.id),
      );
      const fresh = items.filter((i) => still.has(i.id));
      const person = await first(
        tx
          .select({ email: staffUsers.email, locale: staffUsers.locale })
          .from(staffUsers)
          .where(eq(staffUsers.id, userId)),
      );
      if (fresh.length === 0 || !person) return false;
      const mail = digestMail(
        person.locale,
        fresh.map((i) => ({
          kind: i.kind as NotificationKind,
          vars: { radicado: i.radicado, subject: i.subject },
        })),
      );
      await enqueueMail(tx, {
        kind: 'alert_digest',
        caseId: null,
        to: person.email,
        ...mail,
        locale: person.locale,
        now,
        dedupeKey,
      });
      await tx
        .update(notifications)
        .set({ mailedAt: now })
        .where(inArray(notifications.id, [...still]));
      return true;
    });
    if (queued) sent += 1;
  }
  return sent;
}
