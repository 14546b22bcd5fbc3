import type { Metadata } from 'next';
import { getLocale } from 'next-intl/server';
import { getFormatter, getTranslations } from '@/lib/i18n/server';
import Link from 'next/link';
import { PrintButton } from '@/app/_components/print-button';
import {
  REPORT_PRESETS,
  presetOf,
  reportPeriod,
  semesterOf,
  semesterPeriod,
} from '@/lib/domain/report-periods';
import { resolveLocale } from '@/lib/i18n/config';
import { requireStaffPage } from '@/lib/server/auth/session';
import { requestCtx } from '@/lib/server/core/context';
import { loadPqrsReport } from '@/lib/server/reports/load-report';
import { percent } from '@/lib/server/reports/report-tables';
import { AnalyticsFilters } from '../_components/figures/analytics-filters';
import { Kpis } from '@/app/_components/kpis';
import { ReportSections } from './report-sections';
import './reports.css';
import { calendarDate } from '@/lib/i18n/formats';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('reports');
  return { title: t('title') };
}

type SearchParams = Record<string, string | string[] | undefined>;

/**
 * The periodic PQRS report (DOMAIN.md §11) for a chosen period, printable as it stands (reports.css)
 * and downloadable as CSV. Supervisors and admins only.
 */
export default async function ReportsPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  const ctx = requestCtx(await requireStaffPage('supervision', '/informes'));
  const locale = resolveLocale(await getLocale());
  const loaded = await loadPqrsReport(ctx, await searchParams, { locale });
  const { query, report, context, today } = loaded;
  const t = await getTranslations('reports');
  const format = await getFormatter();

  const filters = { teamId: query.teamId, type: query.type, channel: query.channel };
  const hrefWith = (base: string, extra: Record<string, string | number | undefined>) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries({ ...extra, ...filters })) {
      if (value !== undefined) params.set(key, String(value));
    }
    return `${base}?${params.toString()}`;
  };
  const period = { from: query.from, to: query.to };
  const current = presetOf(period, today);
  // A whole semester is the control-interno report (Ley 1474 art. 76): it says so on its head.
  const isSemester =
    semesterPeriod(semesterOf(query.from)).from === query.from &&
    semesterPeriod(semesterOf(query.from)).to === query.to;
  const day = (date: string) => calendarDate(format, date, 'dayLong');
  const tFilters = await getTranslations('supervision.filters');
  const applied = (
    [
      ['teamId', context.team],
      ['type', context.type],
      ['channel', context.channel],
    ] as const
  )
    .flatMap(([key, value]) => (value ? [`${tFilters(key)}: ${value}`] : []))
    .join(' · ');
  const total = report.total;
  const decimal = (n: number) => format.number(n, { maximumFractionDigits: 1 });
  const onTimeShare = percent(total.onTime, total.onTime + total.late);

  return (
    <>
      <header className="report-head">
        <p className="report-org">{context.organization}</p>
        <h1>{isSemester ? t('semesterHeading') : t('heading')}</h1>
        {isSemester ? <p className="muted">{t('semesterNote')}</p> : null}
        <p className="report-period">{t('period', { from: day(query.from), to: day(query.to) })}</p>
        {applied ? <p className="muted">{t('filtersApplied', { filters: applied })}</p> : null}
        <p className="muted report-generated">
          {t('generatedAt', {
            date: format.dateTime(new Date(context.generatedAt), 'instant'),
          })}
        </p>
      </header>

      <div className="report-controls">
        <nav aria-label={t('presetsLabel')} className="report-presets">
          {REPORT_PRESETS.map((preset) => (
            <Link
              key={preset}
              href={hrefWith('/informes', { ...reportPeriod(preset, today) })}
              aria-current={preset === current ? 'page' : undefined}
              className={preset === current ? 'report-preset active' : 'report-preset'}
            >
              {t(`presets.${preset}`)}
            </Link>
          ))}
        </nav>
        <AnalyticsFilters action="/informes" query={query} fields={['teamId', 'type', 'channel']} />
        <div className="button-row report-actions" role="group" aria-label={t('actions')}>
          <PrintButton label={t('print')} />
          <a
            className="button button-primary"
            href={hrefWith('/api/informes/pqrs.csv', period)}
            download
          >
            {t('downloadCsv')}
          </a>
          <a
            className="button"
            href={hrefWith('/api/casos/export', { queue: 'all', ...period })}
            download
          >
            {t('downloadCases')}
          </a>
        </div>
      </div>

      <p className="report-note">{t('scopeNote')}</p>

      {total.received === 0 ? (
        <p className="alert" role="status">
          {t('noData')}
        </p>
      ) : (
        <div className="report-kpis">
          <Kpis
            label={t('kpisLabel')}
            items={[
              { label: t('kpis.received'), value: format.number(total.received) },
              {
                label: t('kpis.onTimeShare'),
                value: onTimeShare === null ? t('none') : `${decimal(onTimeShare)} %`,
                note: t('onTimeNote', {
                  onTime: total.onTime,
                  answered: total.onTime + total.late,
                }),
              },
              {
                label: t('kpis.late'),
                value: format.number(total.late),
                isFlagged: total.late > 0,
              },
              {
                label: t('kpis.averageBusinessDays'),
                value:
                  total.averageBusinessDays === null
                    ? t('none')
                    : t('daysValue', { days: decimal(total.averageBusinessDays) }),
              },
              { label: t('kpis.transferred'), value: format.number(total.transferred) },
              { label: t('kpis.withdrawn'), value: format.number(total.withdrawn) },
              { label: t('kpis.denied'), value: format.number(total.denied) },
              { label: t('kpis.pendingAtEnd'), value: format.number(total.pendingAtEnd) },
              {
                label: t('kpis.openNow'),
                value: format.number(total.openNow),
                note: t('overdueNote', { count: total.overdueNow }),
                isFlagged: total.overdueNow > 0,
              },
            ]}
          />
        </div>
      )}

      <ReportSections tables={loaded.tables} hasCases={total.received > 0} />
    </>
  );
}
