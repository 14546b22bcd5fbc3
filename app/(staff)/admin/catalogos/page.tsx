import { getTranslations } from '@/lib/i18n/server';
import { TextField } from '@/app/_components/text-field';
import { requireStaffPage } from '@/lib/server/auth/session';
import { requestCtx } from '@/lib/server/core/context';
import { loadCatalogues } from '@/lib/server/admin/catalogues';
import {
  createCategoryAction,
  createProcessAction,
  createRootCauseAction,
  renameCategoryAction,
  renameRootCauseAction,
  toggleCategoryAction,
  toggleProcessAction,
  toggleRootCauseAction,
  updateProcessAction,
} from './actions';
import { CatalogForm } from './catalog-form';
import { ToggleForm } from './toggle-form';
import './catalog.css';

export async function generateMetadata() {
  const t = await getTranslations('admin.sections');
  return { title: t('catalogues') };
}

function OwnerSelect({
  id,
  label,
  none,
  staff,
  value,
}: {
  id: string;
  label: string;
  none: string;
  staff: { id: number; name: string }[];
  value?: number | null;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name="ownerId" defaultValue={value ?? ''}>
        <option value="">{none}</option>
        {staff.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Categories, originating processes with their owner, and root causes per process. */
export default async function CataloguesPage() {
  const ctx = requestCtx(await requireStaffPage('admin', '/admin/catalogos'));
  const t = await getTranslations('adminCatalog');
  const tAdmin = await getTranslations('admin.sections');
  const data = await loadCatalogues(ctx);
  const inactive = <span className="badge">{t('inactive')}</span>;
  return (
    <>
      <h1>{tAdmin('catalogues')}</h1>
      <p className="muted">{t('catalogues.intro')}</p>

      <section className="card catalog-section" aria-labelledby="categories-title">
        <h2 id="categories-title">{t('catalogues.categories')}</h2>
        <CatalogForm
          action={createCategoryAction}
          submitLabel={t('create')}
          label={t('catalogues.newCategory')}
        >
          <TextField id="new-category" name="name" label={t('catalogues.newCategory')} required />
        </CatalogForm>
        {data.categories.length === 0 && <p className="muted">{t('catalogues.noCategories')}</p>}
        <ul className="catalog-list">
          {data.categories.map((c) => (
            <li key={c.id} className="catalog-row">
              <CatalogForm action={renameCategoryAction} submitLabel={t('save')} label={c.name}>
                <input type="hidden" name="id" value={c.id} />
                <TextField
                  id={`category-${c.id}`}
                  name="name"
                  label={t('name')}
                  defaultValue={c.name}
                  required
                />
                {!c.isActive && inactive}
              </CatalogForm>
              <ToggleForm
                action={toggleCategoryAction}
                id={c.id}
                active={c.isActive}
                name={c.name}
              />
            </li>
          ))}
        </ul>
      </section>

      <section className="card catalog-section" aria-labelledby="processes-title">
        <h2 id="processes-title">{t('catalogues.processes')}</h2>
        <CatalogForm
          action={createProcessAction}
          submitLabel={t('create')}
          label={t('catalogues.newProcess')}
        >
          <TextField id="new-process" name="name" label={t('catalogues.newProcess')} required />
          <OwnerSelect
            id="new-process-owner"
            label={t('catalogues.owner')}
            none={t('catalogues.noOwner')}
            staff={data.staff}
          />
        </CatalogForm>
        {data.processes.length === 0 && <p className="muted">{t('catalogues.noProcesses')}</p>}
        <ul className="catalog-list">
          {data.processes.map((p) => (
            <li key={p.id} className="card">
              <h3>
                {p.name} {!p.isActive && inactive}
              </h3>
              <p className="muted">
                {t('catalogues.owner')}: {p.ownerName ?? t('catalogues.noOwner')}
              </p>
              <div className="catalog-row">
                <CatalogForm
                  action={updateProcessAction}
                  submitLabel={t('save')}
                  label={`${t('edit')} ${p.name}`}
                >
                  <input type="hidden" name="id" value={p.id} />
                  <TextField
                    id={`process-${p.id}`}
                    name="name"
                    label={t('name')}
                    defaultValue={p.name}
                    required
                  />
                  <OwnerSelect
                    id={`process-${p.id}-owner`}
                    label={t('catalogues.owner')}
                    none={t('catalogues.noOwner')}
                    staff={data.staff}
                    value={p.ownerId}
                  />
                </CatalogForm>
                <ToggleForm
                  action={toggleProcessAction}
                  id={p.id}
                  active={p.isActive}
                  name={p.name}
                />
              </div>
              <div className="catalog-causes">
                <h4>{t('catalogues.rootCauses')}</h4>
                <ul className="catalog-list">
                  {data.rootCauses
                    .filter((r) => r.processId === p.id)
                    .map((r) => (
                      <li key={r.id} className="catalog-row">
                        <CatalogForm
                          action={renameRootCauseAction}
                          submitLabel={t('save')}
                          label={r.name}
                        >
                          <input type="hidden" name="id" value={r.id} />
                          <TextField
                            id={`cause-${r.id}`}
                            name="name"
                            label={t('name')}
                            defaultValue={r.name}
                            required
                          />
                          {!r.isActive && inactive}
                        </CatalogForm>
                        <ToggleForm
                          action={toggleRootCauseAction}
                          id={r.id}
                          active={r.isActive}
                          name={r.name}
                        />
                      </li>
                    ))}
                </ul>
                <CatalogForm
                  action={createRootCauseAction}
                  submitLabel={t('catalogues.addCause')}
                  label={`${t('catalogues.newCause')} (${p.name})`}
                >
                  <input type="hidden" name="processId" value={p.id} />
                  <TextField
                    id={`process-${p.id}-new-cause`}
                    name="name"
                    label={t('catalogues.newCause')}
                    required
                  />
                </CatalogForm>
              </div>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
