import { getFormatter, getTranslations } from '@/lib/i18n/server';
import { requireStaffPage } from '@/lib/server/auth/session';
import { requestCtx } from '@/lib/server/core/context';
import { listQuarantine } from '@/lib/server/intake/mail-quarantine';
import { sizeText } from '@/app/_components/file-list';
import { CatalogForm } from '../../admin/catalogos/catalog-form';
import { discardQuarantinedAction, radicateQuarantinedAction } from './actions';
import '../../admin/catalogos/catalog.css';

export async function generateMetadata() {
  const t = await getTranslations('mailboxes.quarantine');
  return { title: t('title') };
}

/**
 * Mail that is clearly not a petition, or has nobody to answer (issue 19 §3): each with why it was
 * held, where it came in, and the two decisions; its original can be read before deciding.
 */
export default async function QuarantinePage() {
  const staff = await requireStaffPage('supervision', '/correo/cuarentena');
  const t = await getTranslations('mailboxes.quarantine');
  const format = await getFormatter();
  const entries = await listQuarantine(requestCtx(staff));
  return (
    <>
      <h1>{t('title')}</h1>
      <p className="muted">{t('intro')}</p>
      {entries.length === 0 ? (
        <p className="card">{t('empty')}</p>
      ) : (
        <div className="table-scroll card">
          <table className="table labelled">
            <caption className="visually-hidden">{t('title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('received')}</th>
                <th scope="col">{t('from')}</th>
                <th scope="col">{t('subject')}</th>
                <th scope="col">{t('reason')}</th>
                <th scope="col">{t('source')}</th>
                <th scope="col">{t('actions')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => {
                const label = e.subject || t('noSubject');
                return (
                  <tr key={e.id}>
                    <td className="nowrap" data-label={t('received')}>
                      {format.dateTime(e.receivedAt, 'instant')}
                    </td>
                    <td className="mail-to" data-label={t('from')}>
                      {e.fromAddress ?? t('noSender')}
                    </td>
                    <td data-label={t('subject')}>
                      <div>
                        {label}
                        <br />
                        {/* A download, not a page: a plain link, never the client router. */}
                        <a
                          href={`/api/correo/cuarentena/${e.id}/original`}
                          download
                          aria-label={`${t('original')}: ${label}`}
                        >
                          {t('original')}
                        </a>{' '}
                        <span className="muted">({sizeText(format, e.sizeBytes)})</span>
                      </div>
                    </td>
                    <td data-label={t('reason')}>{e.reason ? t(`reasons.${e.reason}`) : ''}</td>
                    <td data-label={t('source')}>{e.mailboxName ?? t('smtp')}</td>
                    <td data-label={t('actions')}>
                      <div className="button-row">
                        <CatalogForm
                          action={radicateQuarantinedAction}
                          submitLabel={t('radicate')}
                          label={`${t('radicate')}: ${label}`}
                          className="catalog-inline"
                        >
                          <input type="hidden" name="id" value={e.id} />
                        </CatalogForm>
                        <CatalogForm
                          action={discardQuarantinedAction}
                          submitLabel={t('discard')}
                          label={`${t('discard')}: ${label}`}
                          danger
                          className="catalog-inline"
                        >
                          <input type="hidden" name="id" value={e.id} />
                        </CatalogForm>
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
