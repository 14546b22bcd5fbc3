import { getFormatter, getTranslations } from '@/lib/i18n/server';
import { requireStaffPage } from '@/lib/server/auth/session';
import { requestCtx } from '@/lib/server/core/context';
import { listCategoryOptions, listServiceLevels } from '@/lib/server/admin/service-levels';
import { listCaseTypeConfig } from '@/lib/server/admin/terms';
import { getOrganization } from '@/lib/server/core/organization';
import { CASE_TYPES, PRIORITIES } from '@/lib/domain/enums';
import { ConfigForm } from '../_config/config-form';
import { REGIMES } from '@/lib/domain/regimes';
import {
  addServiceLevelAction,
  setRegimeAction,
  setTermAction,
  updateCaseTypeAction,
} from './actions';
import '../_config/config.css';

export async function generateMetadata() {
  const t = await getTranslations('admin.sections');
  return { title: t('types') };
}

/** Legal term per PQRS type (versioned), type settings and internal service levels. */
export default async function CaseTypesPage() {
  const ctx = requestCtx(await requireStaffPage('admin', '/admin/tipos'));
  const t = await getTranslations('adminConfig.types');
  const tTypes = await getTranslations('types');
  const tSections = await getTranslations('admin.sections');
  const format = await getFormatter();
  const when = { format: (d: Date) => format.dateTime(d, 'instant') };
  const types = await listCaseTypeConfig(ctx);
  const levels = await listServiceLevels(ctx);
  const categories = await listCategoryOptions(ctx);
  const termLabel = (days: number | null) =>
    days === null ? t('noTerm') : t('termDays', { days });
  const extensionLabel = (termDays: number | null, days: number | null) =>
    termDays === null ? null : days === null ? t('extensionDouble') : t('extensionValue', { days });
  const regime = (await getOrganization(ctx.db)).regime;

  return (
    <>
      <h1>{tSections('types')}</h1>
      <p className="muted">{t('intro')}</p>
      <section className="card regime-card" aria-labelledby="regime-title">
        <h2 id="regime-title">{t('regime.title')}</h2>
        <p>
          {t('regime.current')} <strong data-testid="regime">{t(`regime.names.${regime}`)}</strong>
        </p>
        <p className="muted">{t('regime.intro')}</p>
        <ConfigForm
          action={setRegimeAction}
          submitLabel={t('regime.save')}
          successLabel={t('regime.saved')}
          fields={[
            {
              name: 'regime',
              label: t('regime.label'),
              type: 'select',
              defaultValue: regime,
              options: REGIMES.map((r) => ({ value: r, label: t(`regime.names.${r}`) })),
            },
            { name: 'reason', label: t('regime.reason'), type: 'textarea', required: true },
          ]}
        />
      </section>
      <div className="config-types">
        {types.map((type) => (
          <section
            key={type.code}
            className="card config-card"
            aria-labelledby={`type-${type.code}`}
          >
            <h2 id={`type-${type.code}`}>{tTypes(type.code)}</h2>
            <p>
              {t('inForce')} <strong>{termLabel(type.termDays)}</strong>
              {type.termDays !== null && (
                <span className="muted">
                  {' '}
                  · {extensionLabel(type.termDays, type.extensionDays)}
                </span>
              )}
            </p>
            <details>
              <summary>{t('changeTerm')}</summary>
              <ConfigForm
                action={setTermAction}
                submitLabel={t('saveTerm')}
                successLabel={t('termSaved')}
                fields={[
                  { name: 'typeCode', label: '', type: 'hidden', defaultValue: type.code },
                  {
                    name: 'termDays',
                    label: t('newTerm'),
                    type: 'number',
                    min: 1,
                    max: 90,
                    required: type.code !== 'F',
                    hint: type.code === 'F' ? t('newTermHintF') : t('newTermHint'),
                  },
                  {
                    name: 'extensionDays',
                    label: t('newExtension'),
                    type: 'number',
                    min: 0,
                    max: 90,
                    hint: t('newExtensionHint'),
                  },
                  { name: 'reason', label: t('reason'), type: 'textarea', required: true },
                ]}
              />
            </details>
            <details>
              <summary>{t('settings')}</summary>
              <ConfigForm
                action={updateCaseTypeAction}
                submitLabel={t('saveSettings')}
                successLabel={t('settingsSaved')}
                compact
                fields={[
                  { name: 'typeCode', label: '', type: 'hidden', defaultValue: type.code },
                  {
                    name: 'allowsAnonymous',
                    label: t('allowsAnonymous'),
                    type: 'checkbox',
                    defaultChecked: type.allowsAnonymous,
                  },
                  {
                    name: 'isActive',
                    label: t('isActive'),
                    type: 'checkbox',
                    defaultChecked: type.isActive,
                  },
                  {
                    name: 'handleTargetMinutes',
                    label: t('handleTarget'),
                    type: 'number',
                    min: 1,
                    max: 480,
                    defaultValue: String(type.handleTargetMinutes),
                  },
                ]}
              />
            </details>
            <p className="muted">
              {type.allowsAnonymous ? t('anonymousYes') : t('anonymousNo')} ·{' '}
              {type.isActive ? t('active') : t('inactive')} ·{' '}
              {t('handleTargetValue', { minutes: type.handleTargetMinutes })}
            </p>
            {type.history.length > 0 ? (
              <details>
                <summary>{t('history', { count: type.history.length })}</summary>
                <ul className="config-history">
                  {type.history.map((h) => (
                    <li key={h.id}>
                      <strong>{termLabel(h.termDays)}</strong>
                      {h.termDays !== null &&
                        ` (${extensionLabel(h.termDays, h.extensionDays)})`} — {t('from')}{' '}
                      {when.format(h.validFrom)}
                      {h.reason ? <span className="muted"> · {h.reason}</span> : null}
                    </li>
                  ))}
                </ul>
              </details>
            ) : (
              <p className="muted">{t('defaultTerm')}</p>
            )}
          </section>
        ))}
      </div>

      <section className="card" aria-labelledby="levels-title">
        <h2 id="levels-title">{t('levels.title')}</h2>
        <p className="muted">{t('levels.intro')}</p>
        {levels.length === 0 ? (
          <p>{t('levels.none')}</p>
        ) : (
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('levels.type')}</th>
                  <th scope="col">{t('levels.category')}</th>
                  <th scope="col">{t('levels.priority')}</th>
                  <th scope="col">{t('levels.firstResponse')}</th>
                  <th scope="col">{t('levels.resolution')}</th>
                  <th scope="col">{t('levels.validFrom')}</th>
                </tr>
              </thead>
              <tbody>
                {levels.map((l) => (
                  <tr key={l.id}>
                    <td>{l.typeCode ? tTypes(l.typeCode) : t('levels.any')}</td>
                    <td>{l.categoryName ?? t('levels.any')}</td>
                    <td>{l.priority ? t(`levels.priorities.${l.priority}`) : t('levels.any')}</td>
                    <td>{t('levels.hours', { hours: l.firstResponseHours })}</td>
                    <td>{t('levels.days', { days: l.resolutionDays })}</td>
                    <td className="nowrap">{when.format(l.validFrom)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <h3>{t('levels.add')}</h3>
        <ConfigForm
          action={addServiceLevelAction}
          submitLabel={t('levels.save')}
          successLabel={t('levels.saved')}
          fields={[
            {
              name: 'typeCode',
              label: t('levels.type'),
              type: 'select',
              options: [
                { value: '', label: t('levels.any') },
                ...CASE_TYPES.map((c) => ({ value: c, label: tTypes(c) })),
              ],
            },
            {
              name: 'categoryId',
              label: t('levels.category'),
              type: 'select',
              options: [
                { value: '', label: t('levels.any') },
                ...categories.map((c) => ({ value: String(c.id), label: c.name })),
              ],
            },
            {
              name: 'priority',
              label: t('levels.priority'),
              type: 'select',
              options: [
                { value: '', label: t('levels.any') },
                ...PRIORITIES.map((p) => ({ value: p, label: t(`levels.priorities.${p}`) })),
              ],
            },
            {
              name: 'firstResponseHours',
              label: t('levels.firstResponse'),
              type: 'number',
              min: 1,
              max: 240,
              required: true,
              hint: t('levels.firstResponseHint'),
            },
            {
              name: 'resolutionDays',
              label: t('levels.resolution'),
              type: 'number',
              min: 1,
              max: 90,
              required: true,
              hint: t('levels.resolutionHint'),
            },
          ]}
        />
      </section>
    </>
  );
}
