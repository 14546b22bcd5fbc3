import { getTranslations } from '@/lib/i18n/server';
import type { Send } from '@/app/_components/use-form-action';
import { CatalogForm } from './catalog-form';

/** Deactivate (or reactivate) one catalogue entry: it stays on old records, no longer offered. */
export async function ToggleForm({
  action,
  id,
  active,
  name,
}: {
  action: Send<unknown>;
  id: number;
  active: boolean;
  name: string;
}) {
  const t = await getTranslations('adminCatalog');
  const label = active ? t('deactivate') : t('activate');
  return (
    <CatalogForm
      action={action}
      submitLabel={label}
      label={`${label}: ${name}`}
      danger
      className="catalog-inline"
    >
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="active" value={active ? 'false' : 'true'} />
    </CatalogForm>
  );
}
