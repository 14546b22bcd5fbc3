import 'server-only';
import { eq } from 'drizzle-orm';
import type { Conn } from '@/db/client';
import { casesDueBy, type DueCase } from '@/db/sql/alerts';
import { notifications, staffUsers } from '@/db/schema';
import { SYSTEM_ACTOR } from '../core/actor';
import { withTransaction, type Ctx } from '../core/context';
import { appendEvent } from '../core/audit';
import { atRiskLimit } from '../cases/list-cases';
import { renderMail } from '../notices/layout';
import { formatLocalDate, serverTranslator } from '../notices/translator';
import { getOrganization, loadCalendar } from '../core/organization';
import { enqueueMail } from '../notices/outbox';
import { appUrl } from '../portal/portal-access';

export type AlertKind = 'at_risk' | 'overdue' | 'escalation';

/**
 * Tells the assignee and the team supervisor when a case is at risk (due within two business
 * days) and when it is overdue — in the app (the bell) and by e-mail — and escalates an overdue
 * case to the team supervisor with an audit event. Once per case, kind, due date and person: an
 * extension (a new due date) alerts again; running twice changes nothing.
 */
export async function sendDeadlineAlerts(
  ctx: Ctx,
): Promise<{ notified: number; escalated: number }> {
  const { db, now } = ctx;
  const cal = loadCalendar(db, getOrganization(db));
  const due = casesDueBy(db, atRiskLimit(now, cal).getTime());
  let notified = 0;
  let escalated = 0;
  for (const c of due) {
    await withTransaction(ctx, ({ db: tx }) => {
      const kind: AlertKind = c.dueAt < now.getTime() ? 'overdue' : 'at_risk';
      const people = new Set([c.assigneeId, c.supervisorId].filter((x) => x !== null));
      for (const userId of people) {
        if (notify(tx, c, userId, kind, now)) notified += 1;
      }
      if (kind === 'overdue' && c.supervisorId !== null) {
        if (notify(tx, c, c.supervisorId, 'escalation', now)) {
          appendEvent(tx, {
            caseId: c.id,
            action: 'escalate',
            actorRole: SYSTEM_ACTOR.role,
            actorId: null,
            visibility: 'internal',
            data: { supervisorId: c.supervisorId, dueDate: c.dueKey },
            createdAt: now,
          });
          escalated += 1;
        }
      }
    });
  }
  return { notified, escalated };
}

/** One notification (and its e-mail) per case, kind, due date and person; false if already sent. */
function notify(tx: Conn, c: DueCase, userId: number, kind: AlertKind, now: Date): boolean {
  const user = tx
    .select({ email: staffUsers.email, locale: staffUsers.locale, isActive: staffUsers.isActive })
    .from(staffUsers)
    .where(eq(staffUsers.id, userId))
    .get();
  if (!user?.isActive) return false;
  const key = `${kind}.${c.id}.${c.dueKey}.${userId}`;
  const inserted = tx
    .insert(notifications)
    .values({ userId, caseId: c.id, kind, dedupeKey: key, createdAt: now })
    .onConflictDoNothing({ target: notifications.dedupeKey })
    .run();
  if (inserted.changes === 0) return false;
  const t = serverTranslator(user.locale);
  const vars = {
    radicado: c.radicado,
    subject: c.subject,
    dueDate: formatLocalDate(user.locale, c.dueKey),
  };
  const url = `${appUrl()}/casos/${c.radicado}`;
  enqueueMail(tx, {
    kind: `alert_${kind}`,
    caseId: c.id,
    to: user.email,
    subject: t(`mail.alert.${kind}.subject`, vars),
    ...renderMail(user.locale, [
      { kind: 'paragraph', text: t(`mail.alert.${kind}.intro`, vars) },
      { kind: 'link', intro: '', label: t('mail.alert.open'), url },
      { kind: 'paragraph', text: t('mail.alert.footer') },
    ]),
    locale: user.locale,
    now,
    dedupeKey: `notification.${key}`,
  });
  return true;
}
