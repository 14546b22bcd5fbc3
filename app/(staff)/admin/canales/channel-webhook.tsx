import { getTranslations } from '@/lib/i18n/server';
import { TextField } from '@/app/_components/text-field';
import { CatalogForm } from '../catalogos/catalog-form';
import { removeWebhookAction, rotateWebhookAction, setWebhookAction } from './actions';

/**
 * A channel's reply webhook: where the public messages of its cases are POSTed. The secret is
 * shown once, when first set and on each change; the page only ever says where messages go.
 */
export async function ChannelWebhook({
  channel,
}: {
  channel: { id: number; name: string; webhookUrl: string | null };
}) {
  const t = await getTranslations('adminCatalog.channels');
  const fieldId = `webhook-${channel.id}`;
  return (
    <section className="catalog-webhook" aria-labelledby={`${fieldId}-title`}>
      <h4 id={`${fieldId}-title`}>{t('webhookTitle')}</h4>
      <p className="muted">
        {channel.webhookUrl ? (
          <>
            {t('webhookActive')} <code className="mono">{channel.webhookUrl}</code>
          </>
        ) : (
          t('noWebhook')
        )}
      </p>
      <CatalogForm
        action={setWebhookAction}
        submitLabel={t('saveWebhook')}
        label={`${t('webhookTitle')}: ${channel.name}`}
      >
        <input type="hidden" name="id" value={channel.id} />
        <TextField
          id={fieldId}
          name="webhookUrl"
          type="url"
          inputMode="url"
          label={t('webhookUrl')}
          defaultValue={channel.webhookUrl ?? ''}
          placeholder="https://"
          required
        />
      </CatalogForm>
      {channel.webhookUrl && (
        <div className="button-row">
          <CatalogForm
            action={rotateWebhookAction}
            submitLabel={t('rotateSecret')}
            label={`${t('rotateSecret')}: ${channel.name}`}
            danger
            className="catalog-inline"
          >
            <input type="hidden" name="id" value={channel.id} />
          </CatalogForm>
          <CatalogForm
            action={removeWebhookAction}
            submitLabel={t('removeWebhook')}
            label={`${t('removeWebhook')}: ${channel.name}`}
            danger
            className="catalog-inline"
          >
            <input type="hidden" name="id" value={channel.id} />
          </CatalogForm>
        </div>
      )}
    </section>
  );
}
