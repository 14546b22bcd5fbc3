import Link from 'next/link';
import { getFormatter, getTranslations } from '@/lib/i18n/server';
import { requireStaffPage } from '@/lib/server/auth/session';
import { requestCtx } from '@/lib/server/core/context';
import { listMailboxes } from '@/lib/server/mailboxes/mailboxes-admin';
import { mailboxHealth } from '@/lib/server/mailboxes/status';
import { listTeams } from '@/lib/server/admin/teams';
import { CatalogForm } from '../catalogos/catalog-form';
import { createMailboxAction, toggleMailboxAction, updateMailboxAction } from './actions';
import { MailboxFields } from './mailbox-fields';
import '../catalogos/catalog.css';
import './mailboxes.css';

export async function generateMetadata() {
  const t = await getTranslations('admin.sections');
  return { title: t('mailboxes') };
}

/**
 * The entity's mailboxes (issue 19): how each is read and how it is doing (last good read,
 * messages waiting, quarantine, the failure and since when), with the forms to add, change and
 * switch them off. Secrets are never shown.
 */
export default async function MailboxesPage() {
  const ctx = requestCtx(await requireStaffPage('admin', '/admin/buzones'));
  const t = await getTranslations('mailboxes.admin');
  const tSections = await getTranslations('admin.sections');
  const tKinds = await getTranslations('mail.mailboxFailing.kind');
  const format = await getFormatter();
  const when = (d: Date | null) => (d ? format.dateTime(d, 'instant') : t('status.never'));
  const mailboxes = await listMailboxes(ctx);
  const teams = (await listTeams(ctx)).map(({ id, name }) => ({ id, name }));
  return (
    <>
      <h1>{tSections('mailboxes')}</h1>
      <p className="muted">{t('intro')}</p>
      <p>
        <Link href="/correo/cuarentena">{t('quarantineLink')}</Link>
      </p>

      <section className="catalog-section" aria-labelledby="mailboxes-title">
        <h2 id="mailboxes-title">{t('title')}</h2>
        {mailboxes.length === 0 && <p className="muted">{t('empty')}</p>}
        <ul className="catalog-list">
          {mailboxes.map((m) => {
            const health = mailboxHealth(m);
            return (
              <li key={m.id} className="card" aria-label={m.name}>
                <div className="catalog-row">
                  <h3>
                    {m.name}{' '}
                    <span className={`badge mailbox-health mailbox-${health}`}>
                      {t(`status.${health}`)}
                    </span>
                  </h3>
                  <CatalogForm
                    action={toggleMailboxAction}
                    submitLabel={m.isActive ? t('turnOff') : t('turnOn')}
                    label={`${m.isActive ? t('turnOff') : t('turnOn')}: ${m.name}`}
                    danger
                    className="catalog-inline"
                  >
                    <input type="hidden" name="id" value={m.id} />
                  </CatalogForm>
                </div>
                <p className="mono mailbox-where">
                  {m.username} · {m.host}:{m.port} · {m.folder} → {m.processedFolder}
                </p>
                <dl className="mailbox-status">
                  <div>
                    <dt>{t('status.lastSuccess')}</dt>
                    <dd>{when(m.lastSuccessAt)}</dd>
                  </div>
                  <div>
                    <dt>{t('status.backlog')}</dt>
                    <dd>{format.number(m.backlog)}</dd>
                  </div>
                  <div>
                    <dt>{t('status.quarantined')}</dt>
                    <dd>{format.number(m.quarantined)}</dd>
                  </div>
                  {m.failingSince && (
                    <div>
                      <dt>{t('status.failingSince')}</dt>
                      <dd>{when(m.failingSince)}</dd>
                    </div>
                  )}
                  {m.lastError && (
                    <div className="mailbox-error">
                      <dt>{t('status.lastError')}</dt>
                      <dd>
                        {tKinds(m.lastError.kind as 'other')} ({when(m.lastErrorAt)})
                        <br />
                        <span className="mono">{m.lastError.text}</span>
                      </dd>
                    </div>
                  )}
                </dl>
                <details>
                  <summary>{t('edit')}</summary>
                  <CatalogForm
                    action={updateMailboxAction}
                    submitLabel={t('save')}
                    label={`${t('edit')}: ${m.name}`}
                  >
                    <MailboxFields idPrefix={`mailbox-${m.id}`} current={m} teams={teams} />
                  </CatalogForm>
                </details>
              </li>
            );
          })}
        </ul>
      </section>

      <section className="card catalog-section" aria-labelledby="new-mailbox-title">
        <h2 id="new-mailbox-title">{t('add')}</h2>
        <p className="muted">{t('saveHint')}</p>
        <CatalogForm action={createMailboxAction} submitLabel={t('save')} label={t('add')}>
          <MailboxFields idPrefix="new-mailbox" teams={teams} />
        </CatalogForm>
      </section>
    </>
  );
}
