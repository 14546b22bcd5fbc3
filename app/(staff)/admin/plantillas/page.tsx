import { getTranslations } from '@/lib/i18n/server';
import { TEMPLATE_SLOTS } from '@/lib/domain/templates';
import { requireStaffPage } from '@/lib/server/auth/session';
import { requestCtx } from '@/lib/server/core/context';
import { listTemplatesForAdmin } from '@/lib/server/admin/templates-admin';
import { CatalogForm } from '../catalogos/catalog-form';
import { ToggleForm } from '../catalogos/toggle-form';
import { createTemplateAction, toggleTemplateAction, updateTemplateAction } from './actions';
import { TemplateFields } from './template-fields';
import '../catalogos/catalog.css';

export async function generateMetadata() {
  const t = await getTranslations('admin.sections');
  return { title: t('templates') };
}

/** Reply templates: placeholders checked on save; each shown with a preview (as text). */
export default async function TemplatesPage() {
  const ctx = requestCtx(await requireStaffPage('admin', '/admin/plantillas'));
  const t = await getTranslations('adminCatalog');
  const tAdmin = await getTranslations('admin.sections');
  const tTypes = await getTranslations('types');
  const list = await listTemplatesForAdmin(ctx);
  return (
    <>
      <h1>{tAdmin('templates')}</h1>
      <p className="muted" id="template-help">
        {t('templates.help')}{' '}
        {TEMPLATE_SLOTS.map((s) => (
          <code key={s} className="mono">{`{{${s}}} `}</code>
        ))}
      </p>

      <section className="card catalog-section" aria-labelledby="new-template-title">
        <h2 id="new-template-title">{t('templates.new')}</h2>
        <CatalogForm
          action={createTemplateAction}
          submitLabel={t('create')}
          label={t('templates.new')}
          className="catalog-form stacked"
        >
          <TemplateFields prefix="new-template" />
        </CatalogForm>
      </section>

      <section className="catalog-section" aria-labelledby="templates-title">
        <h2 id="templates-title">{t('templates.list')}</h2>
        {list.length === 0 && <p className="muted">{t('templates.empty')}</p>}
        <ul className="catalog-list">
          {list.map((tpl) => (
            <li key={tpl.id} className="card" aria-label={tpl.name}>
              <h3>
                {tpl.name}{' '}
                <span className="badge">
                  {tpl.typeCode ? tTypes(tpl.typeCode) : t('templates.anyType')}
                </span>{' '}
                {!tpl.isActive && <span className="badge">{t('inactive')}</span>}
              </h3>
              <h4>{t('templates.preview')}</h4>
              <pre className="catalog-preview" data-testid={`preview-${tpl.id}`}>
                {tpl.preview}
              </pre>
              <details>
                <summary>{t('edit')}</summary>
                <CatalogForm
                  action={updateTemplateAction}
                  submitLabel={t('save')}
                  label={`${t('edit')} ${tpl.name}`}
                  className="catalog-form stacked"
                >
                  <input type="hidden" name="id" value={tpl.id} />
                  <TemplateFields
                    prefix={`template-${tpl.id}`}
                    name={tpl.name}
                    body={tpl.body}
                    typeCode={tpl.typeCode}
                  />
                </CatalogForm>
              </details>
              <ToggleForm
                action={toggleTemplateAction}
                id={tpl.id}
                active={tpl.isActive}
                name={tpl.name}
              />
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
