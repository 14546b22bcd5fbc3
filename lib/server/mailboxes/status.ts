import 'server-only';
import { first } from '@/db/rows';
import { inTransaction } from '@/db/client';
import { and, eq, isNull, lte } from 'drizzle-orm';
import type { Conn } from '@/db/client';
import { mailboxes, staffUsers } from '@/db/tables';
import type { Locale } from '@/lib/domain/enums';
import { renderMail } from '../notices/layout';
import { formatInstant, serverTranslator } from '../notices/translator';
import { enqueueMail } from '../notices/outbox';
import { appUrl } from '../portal/portal-access';
import { getOrganization } from '../core/organization';
import { mailboxErrorKind, mailboxErrorText, type MailboxErrorKind } from './mailbox-errors';

/** Admins hear of a mailbox that has failed this long without a success (issue 19 §4). */
export const ALERT_AFTER_MS = 15 * 60_000;

export type MailboxHealth = 'ok' | 'failing' | 'waiting' | 'inactive';

/** Read (ok), failing, not read yet, or switched off: the admin page's and the health endpoint's word. */
export function mailboxHealth(m: {
  isActive: boolean;
  failingSince: Date | null;
  lastSuccessAt: Date | null;
}): MailboxHealth {
  if (!m.isActive) return 'inactive';
  if (m.failingSince) return 'failing';
  return m.lastSuccessAt ? 'ok' : 'waiting';
}

/**
 * Writes a mailbox's own columns (its status, its token) in a transaction of their own, taking
 * their turn with the others, never inside another request's.
 */
export async function setMailboxColumns(
  db: Conn,
  id: number,
  values: Partial<typeof mailboxes.$inferInsert>,
): Promise<void> {
  await inTransaction(db, async (tx) => {
    await tx.update(mailboxes).set(values).where(eq(mailboxes.id, id));
  });
}

export async function recordPass(db: Conn, id: number, now: Date, backlog: number): Promise<void> {
  await setMailboxColumns(db, id, {
    lastPullAt: now,
    lastSuccessAt: now,
    backlog,
    failingSince: null,
    alertedAt: null,
  });
}

/** A failed attempt: kept with its kind and words; the failure's start is kept until a success. */
export async function recordFailure(
  db: Conn,
  id: number,
  error: unknown,
  now: Date,
): Promise<void> {
  const kind = mailboxErrorKind(error);
  const row = await first(
    db.select({ failingSince: mailboxes.failingSince }).from(mailboxes).where(eq(mailboxes.id, id)),
  );
  if (!row) return;
  await setMailboxColumns(db, id, {
    lastPullAt: now,
    lastError: `${kind}|${mailboxErrorText(error)}`,
    lastErrorAt: now,
    failingSince: row.failingSince ?? now,
    // A refused OAuth2 token may have been revoked or expired early: the next try refreshes it.
    ...(kind === 'auth' ? { accessTokenSealed: null, accessTokenExpiresAt: null } : {}),
  });
  await alertIfFailing(db, id, now);
}

function sinceText(locale: Locale, at: Date, timeZone: string): string {
  const { date, time } = formatInstant(locale, at, timeZone);
  return `${date} ${time}`;
}

/** The kind and the words of a stored error ('auth|AUTHENTICATIONFAILED …'). */
export function storedError(value: string | null): { kind: string; text: string } | null {
  if (!value) return null;
  const bar = value.indexOf('|');
  return bar < 0
    ? { kind: 'other', text: value }
    : { kind: value.slice(0, bar), text: value.slice(bar + 1) };
}

/**
 * Mails every active admin once per failure (one that has lasted ALERT_AFTER_MS with no success
 * in between); a success ends the failure, and a later one alerts again.
 */
export async function alertIfFailing(db: Conn, id: number, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - ALERT_AFTER_MS);
  return await inTransaction(db, async (tx) => {
    const row = await first(
      tx
        .select()
        .from(mailboxes)
        .where(
          and(
            eq(mailboxes.id, id),
            lte(mailboxes.failingSince, cutoff),
            isNull(mailboxes.alertedAt),
          ),
        ),
    );
    if (!row?.failingSince) return 0;
    const org = await getOrganization(tx);
    const admins = await tx
      .select({ id: staffUsers.id, email: staffUsers.email, locale: staffUsers.locale })
      .from(staffUsers)
      .where(and(eq(staffUsers.role, 'admin'), eq(staffUsers.isActive, true)));
    const error = storedError(row.lastError);
    for (const admin of admins) {
      const t = serverTranslator(admin.locale);
      const vars = {
        name: row.name,
        username: row.username,
        minutes: String(Math.floor((now.getTime() - row.failingSince.getTime()) / 60_000)),
        since: sinceText(admin.locale, row.failingSince, org.timeZone),
        error: error ? t(`mail.mailboxFailing.kind.${error.kind as MailboxErrorKind}`) : '—',
      };
      await enqueueMail(tx, {
        kind: 'mailbox_failing',
        caseId: null,
        to: admin.email,
        subject: t('mail.mailboxFailing.subject', vars),
        ...renderMail(admin.locale, [
          { kind: 'paragraph', text: t('mail.mailboxFailing.intro', vars) },
          {
            kind: 'link',
            intro: '',
            label: t('mail.mailboxFailing.open'),
            url: `${appUrl()}/admin/buzones`,
          },
          { kind: 'paragraph', text: t('mail.alert.footer') },
        ]),
        locale: admin.locale,
        now,
        dedupeKey: `mailbox_failing.${row.id}.${row.failingSince.getTime()}.${admin.id}`,
      });
    }
    await tx.update(mailboxes).set({ alertedAt: now }).where(eq(mailboxes.id, id));
    return admins.length;
  });
}
