import { getFormatter, getTranslations } from '@/lib/i18n/server';
import { TextField } from '@/app/_components/text-field';
import { requireStaffPage } from '@/lib/server/auth/session';
import { requestCtx } from '@/lib/server/core/context';
import { listChannels } from '@/lib/server/admin/api-keys-admin';
import { INTAKE_KINDS } from '@/lib/validation/admin-catalog';
import { CatalogForm } from '../catalogos/catalog-form';
import { ToggleForm } from '../catalogos/toggle-form';
import {
  createChannelAction,
  createKeyAction,
  revokeKeyAction,
  toggleChannelAction,
} from './actions';
import { ChannelWebhook } from './channel-webhook';
import '../catalogos/catalog.css';

export async function generateMetadata() {
  const t = await getTranslations('admin.sections');
  return { title: t('channels') };
}

/**
 * Intake channels, their API keys and reply webhooks: prefixes, dates and URLs only (a key or a
 * webhook secret is shown once, when made).
 */
export default async function ChannelsPage() {
  const ctx = requestCtx(await requireStaffPage('admin', '/admin/canales'));
  const t = await getTranslations('adminCatalog');
  const tAdmin = await getTranslations('admin.sections');
  const tChannels = await getTranslations('channels');
  const format = await getFormatter();
  const when = (d: Date | null) => (d ? format.dateTime(d, 'instant') : t('channels.never'));
  const channels = await listChannels(ctx);
  return (
    <>
      <h1>{tAdmin('channels')}</h1>
      <p className="muted">{t('channels.intro')}</p>
      <p className="muted">{t('channels.webhookHelp')}</p>

      <section className="card catalog-section" aria-labelledby="new-channel-title">
        <h2 id="new-channel-title">{t('channels.newChannel')}</h2>
        <CatalogForm
          action={createChannelAction}
          submitLabel={t('create')}
          label={t('channels.newChannel')}
        >
          <TextField id="new-channel" name="name" label={t('name')} required />
          <div className="field">
            <label htmlFor="new-channel-kind">{t('channels.kind')}</label>
            <select id="new-channel-kind" name="channel" defaultValue="api">
              {INTAKE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {tChannels(k)}
                </option>
              ))}
            </select>
          </div>
        </CatalogForm>
      </section>

      {channels.length > 0 && (
        <section className="card catalog-section" aria-labelledby="new-key-title">
          <h2 id="new-key-title">{t('channels.newKeyTitle')}</h2>
          <p className="muted">{t('channels.shownOnceHelp')}</p>
          <CatalogForm
            action={createKeyAction}
            submitLabel={t('channels.createKey')}
            label={t('channels.newKeyTitle')}
          >
            <div className="field">
              <label htmlFor="new-key-channel">{t('channels.channel')}</label>
              <select id="new-key-channel" name="channelId">
                {channels
                  .filter((c) => c.isActive)
                  .map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
              </select>
            </div>
            <TextField id="new-key-name" name="name" label={t('channels.keyName')} required />
            <label className="catalog-check">
              <input type="checkbox" name="withSigningSecret" /> {t('channels.withSecret')}
            </label>
          </CatalogForm>
        </section>
      )}

      <section className="catalog-section" aria-labelledby="channels-title">
        <h2 id="channels-title">{t('channels.list')}</h2>
        {channels.length === 0 && <p className="muted">{t('channels.empty')}</p>}
        <ul className="catalog-list">
          {channels.map((c) => (
            <li key={c.id} className="card" aria-label={c.name}>
              <div className="catalog-row">
                <h3>
                  {c.name} <span className="badge">{tChannels(c.channel)}</span>{' '}
                  {!c.isActive && <span className="badge">{t('inactive')}</span>}
                </h3>
                <ToggleForm
                  action={toggleChannelAction}
                  id={c.id}
                  active={c.isActive}
                  name={c.name}
                />
              </div>
              {c.keys.length === 0 ? (
                <p className="muted">{t('channels.noKeys')}</p>
              ) : (
                <div className="table-scroll">
                  <table>
                    <caption className="visually-hidden">{`${t('channels.keys')}: ${c.name}`}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('channels.keyName')}</th>
                        <th scope="col">{t('channels.prefix')}</th>
                        <th scope="col">{t('channels.created')}</th>
                        <th scope="col">{t('channels.lastUsed')}</th>
                        <th scope="col">{t('channels.state')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {c.keys.map((k) => (
                        <tr key={k.id}>
                          <td>{k.name}</td>
                          <td className="mono nowrap">{`vnt_${k.prefix}_…`}</td>
                          <td>{when(k.createdAt)}</td>
                          <td>{when(k.lastUsedAt)}</td>
                          <td>
                            {k.revokedAt ? (
                              `${t('channels.revoked')} ${when(k.revokedAt)}`
                            ) : (
                              <CatalogForm
                                action={revokeKeyAction}
                                submitLabel={t('channels.revoke')}
                                label={`${t('channels.revoke')}: ${k.name}`}
                                danger
                                className="catalog-inline"
                              >
                                <input type="hidden" name="id" value={k.id} />
                              </CatalogForm>
                            )}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
              <ChannelWebhook channel={c} />
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
