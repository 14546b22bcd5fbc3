import { getFormatter, getTranslations } from '@/lib/i18n/server';
import Link from 'next/link';
import { env } from '@/lib/env';
import { OUTBOX_MEDIA, OUTBOX_STATUSES } from '@/lib/domain/enums';
import { requireStaffPage } from '@/lib/server/auth/session';
import { requestCtx } from '@/lib/server/core/context';
import { listOutbox } from '@/lib/server/notices/outbox-view';
import { quarantineCount } from '@/lib/server/intake/mail-quarantine';

export async function generateMetadata() {
  const t = await getTranslations('mailLog');
  return { title: t('title') };
}

/**
 * The outbox as staff read it: every notification (e-mail or webhook POST), its delivery state,
 * attempts and last error, and the message itself.
 */
export default async function MailLogPage({ searchParams }: PageProps<'/correo'>) {
  const staff = await requireStaffPage('supervision', '/correo');
  const t = await getTranslations('mailLog');
  const tKinds = await getTranslations('caseStory.messages.kinds');
  /** A message by what it is ("Respuesta de fondo"), never by its stored kind. */
  const kindLabel = (kind: string) =>
    tKinds.has(kind as 'other') ? tKinds(kind as 'other') : tKinds('other');
  const format = await getFormatter();
  const list = await listOutbox(requestCtx(staff), await searchParams);
  const { status, medium } = list;
  const href = (p: number) =>
    `/correo?${new URLSearchParams({ ...(status ? { status } : {}), ...(medium ? { medium } : {}), page: String(p) })}`;
  return (
    <>
      <h1>{t('title')}</h1>
      <p className="muted">{t('intro')}</p>
      <p className="muted">{env().SMTP_URL ? t('transportSmtp') : t('transportEml')}</p>
      <p>
        <Link href="/correo/cuarentena">
          {t('quarantineLink', { count: await quarantineCount(requestCtx(staff)) })}
        </Link>
      </p>
      <form method="get" action="/correo" className="filter-grid card">
        <div className="field">
          <label htmlFor="mail-status">{t('status')}</label>
          <select id="mail-status" name="status" defaultValue={status ?? ''}>
            <option value="">{t('any')}</option>
            {OUTBOX_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`statuses.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="mail-medium">{t('medium')}</label>
          <select id="mail-medium" name="medium" defaultValue={medium ?? ''}>
            <option value="">{t('any')}</option>
            {OUTBOX_MEDIA.map((m) => (
              <option key={m} value={m}>
                {t(`media.${m}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="button-row">
          <button type="submit" className="button button-primary">
            {t('filter')}
          </button>
        </div>
      </form>
      {list.rows.length === 0 ? (
        <p className="muted">{t('empty')}</p>
      ) : (
        <div className="table-scroll card">
          <table className="table labelled">
            <caption className="visually-hidden">{t('title')}</caption>
            <thead>
              <tr>
                {(
                  [
                    'created',
                    'medium',
                    'to',
                    'subject',
                    'kind',
                    'status',
                    'attempts',
                    'lastError',
                  ] as const
                ).map((c) => (
                  <th key={c} scope="col">
                    {t(`columns.${c}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {list.rows.map((m) => (
                <tr key={m.id}>
                  <td className="nowrap" data-label={t('columns.created')}>
                    {format.dateTime(m.createdAt, 'instant')}
                  </td>
                  <td className="nowrap" data-label={t('columns.medium')}>
                    {t(`media.${m.medium}`)}
                  </td>
                  <td className="mail-to" data-label={t('columns.to')}>
                    {m.toAddress}
                  </td>
                  <td data-label={t('columns.subject')}>
                    <Link href={`/correo/${m.id}`}>{m.subject}</Link>
                  </td>
                  <td data-label={t('columns.kind')}>{kindLabel(m.kind)}</td>
                  <td data-label={t('columns.status')}>
                    <span
                      className={`badge ${m.status === 'failed' ? 'badge-overdue' : m.status === 'sent' ? 'badge-on_track' : ''}`}
                    >
                      {t(`statuses.${m.status}`)}
                    </span>
                  </td>
                  <td data-label={t('columns.attempts')}>{m.attempts}</td>
                  <td className="mail-error" data-label={t('columns.lastError')}>
                    {m.lastError ?? '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.pageCount > 1 ? (
        <nav className="pager" aria-label={t('title')}>
          {list.page > 1 ? <Link href={href(list.page - 1)}>{t('previous')}</Link> : <span />}
          <span>{t('pageOf', { page: list.page, pages: list.pageCount })}</span>
          {list.page < list.pageCount ? (
            <Link href={href(list.page + 1)}>{t('next')}</Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </>
  );
}
