import { getTranslations } from '@/lib/i18n/server';
import Link from 'next/link';
import { CASE_TYPES, CHANNELS } from '@/lib/domain/enums';
import { queueFilterOptions } from '@/lib/server/cases/queue-options';
import { ANALYTICS_GROUPS, type AnalyticsQuery } from '@/lib/validation/analytics-query';
import { requireStaffPage } from '@/lib/server/auth/session';
import { requestCtx } from '@/lib/server/core/context';

type Field = 'teamId' | 'agentId' | 'type' | 'processId' | 'channel' | 'by';

/**
 * The filter bar every supervisor view shares: a plain GET form (works without JavaScript), so the
 * whole view lives in its URL and can be shared or exported as it is.
 */
export async function AnalyticsFilters({
  action,
  query,
  fields = ['teamId', 'agentId', 'type', 'processId', 'channel', 'by'],
  hidden = {},
}: {
  action: string;
  query: AnalyticsQuery;
  fields?: readonly Field[];
  /** Params the form must carry along unchanged (e.g. the tab). */
  hidden?: Record<string, string>;
}) {
  const t = await getTranslations('supervision.filters');
  const tTypes = await getTranslations('types');
  const tChannels = await getTranslations('channels');
  const viewer = await requireStaffPage('supervision');
  const { teams, staff, processes } = await queueFilterOptions(requestCtx(viewer));
  const options: Record<Field, { value: string; label: string }[]> = {
    teamId: teams.map((x) => ({ value: String(x.id), label: x.name })),
    agentId: staff.map((x) => ({ value: String(x.id), label: x.name })),
    type: CASE_TYPES.map((c) => ({ value: c, label: tTypes(c) })),
    processId: processes.map((x) => ({ value: String(x.id), label: x.name })),
    channel: CHANNELS.map((c) => ({ value: c, label: tChannels(c) })),
    by: ANALYTICS_GROUPS.map((g) => ({ value: g, label: t(`groups.${g}`) })),
  };
  return (
    <form method="get" action={action} className="filter-grid card" aria-label={t('label')}>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className="field">
        <label htmlFor="af-from">{t('from')}</label>
        <input id="af-from" name="from" type="date" defaultValue={query.from} />
      </div>
      <div className="field">
        <label htmlFor="af-to">{t('to')}</label>
        <input id="af-to" name="to" type="date" defaultValue={query.to} />
      </div>
      {fields.map((field) => (
        <div className="field" key={field}>
          <label htmlFor={`af-${field}`}>{t(field)}</label>
          <select
            id={`af-${field}`}
            name={field}
            defaultValue={query[field] === undefined ? '' : String(query[field])}
          >
            {field === 'by' ? null : <option value="">{t('any')}</option>}
            {options[field].map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
      ))}
      <div className="button-row">
        <button type="submit" className="button button-primary">
          {t('apply')}
        </button>
        <Link href={action} className="button">
          {t('clear')}
        </Link>
      </div>
    </form>
  );
}
