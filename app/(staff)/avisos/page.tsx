import { getFormatter, getTranslations } from '@/lib/i18n/server';
import Link from 'next/link';
import { requireStaffPage } from '@/lib/server/auth/session';
import { requestCtx } from '@/lib/server/core/context';
import { listNotifications } from '@/lib/server/notices/notifications';
import { markAllReadFromForm } from './actions';

/** Deadline alerts keep their deadline colours; the others are plain. */
const BADGE: Record<string, string> = {
  at_risk: 'badge-at_risk',
  overdue: 'badge-overdue',
  escalation: 'badge-overdue',
  promise_due_soon: 'badge-at_risk',
  promise_broken: 'badge-overdue',
};
export async function generateMetadata() {
  const t = await getTranslations('notifications');
  return { title: t('title') };
}

/** The bell's page: the signed-in user's alerts, and the way to their e-mail preferences. */
export default async function NotificationsPage() {
  const staff = await requireStaffPage('staff', '/avisos');
  const t = await getTranslations('notifications');
  const format = await getFormatter();
  const items = await listNotifications(requestCtx(staff));
  const hasUnread = items.some((n) => n.readAt === null);
  return (
    <>
      <h1>{t('title')}</h1>
      <p className="muted">{t('intro')}</p>
      <div className="button-row">
        {hasUnread ? (
          <form action={markAllReadFromForm}>
            <button type="submit" className="button">
              {t('markAllRead')}
            </button>
          </form>
        ) : null}
        <Link href="/avisos/preferencias" className="button button-quiet">
          {t('preferencesLink')}
        </Link>
      </div>
      {items.length === 0 ? (
        <p className="muted">{t('empty')}</p>
      ) : (
        <div className="table-scroll card">
          <table className="table">
            <caption className="visually-hidden">{t('title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('columns.kind')}</th>
                <th scope="col">{t('columns.case')}</th>
                <th scope="col">{t('columns.when')}</th>
                <th scope="col">{t('columns.status')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((n) => (
                <tr key={n.id} className={n.readAt === null ? 'row-unread' : undefined}>
                  <td>
                    <span className={`badge ${BADGE[n.kind] ?? ''}`}>
                      {t(`kinds.${n.kind as 'at_risk'}`)}
                    </span>
                  </td>
                  <td>
                    {n.radicado ? (
                      <>
                        <Link href={`/casos/${n.radicado}`} className="mono">
                          {n.radicado}
                        </Link>{' '}
                        {n.subject}
                      </>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td className="nowrap">{format.dateTime(n.createdAt, 'instant')}</td>
                  <td>{n.readAt === null ? <strong>{t('unread')}</strong> : t('read')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
