import Link from 'next/link';
import { getFormatter, getTranslations } from '@/lib/i18n/server';
import type {
  CauseFigures,
  CauseLevel,
  RootCauseView,
} from '@/lib/server/causes/root-cause-figures';
import {
  analyticsQueryToSearchParams,
  type AnalyticsQuery,
} from '@/lib/validation/analytics-query';
import { LineChartFigure, ParetoChartFigure } from '../_components/figures/charts';
import { Figure } from '../_components/figures/figure';
import { Kpis } from '@/app/_components/kpis';
import './causes.css';

type Format = Awaited<ReturnType<typeof getFormatter>>;

const percent = (format: Format, value: number | null) =>
  value === null ? '—' : format.number(value, { style: 'percent', maximumFractionDigits: 1 });
const decimal = (format: Format, value: number | null) =>
  value === null ? '—' : format.number(value, { maximumFractionDigits: 1 });

/** The URL of a page of this view keeping its filter (the type is fixed, the process is a path). */
export function causesHref(
  path: string,
  query: AnalyticsQuery,
  extra: Record<string, string | number | undefined> = {},
) {
  const params = analyticsQueryToSearchParams(
    { ...query, type: undefined, processId: undefined, by: undefined },
    extra,
  );
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/**
 * The root-cause figures of one level (processes, or the causes of one process): key figures, the
 * Pareto table with its chart, the weekly trend and how each figure is defined.
 */
export async function CauseFiguresView({
  view,
  query,
  level,
}: {
  view: RootCauseView;
  query: AnalyticsQuery;
  level: CauseLevel;
}) {
  const t = await getTranslations('causes');
  const format = await getFormatter();
  const isProcess = level.by === 'process';
  const nameOf = (r: CauseFigures) => r.name ?? (isProcess ? t('noProcess') : t('noCause'));
  const { rows, total, trend } = view;
  const flagged = rows.filter((r) => r.isFlagged).length;

  const casesHref = (r: CauseFigures) =>
    causesHref('/causas/casos', query, {
      processId: isProcess ? (r.id ?? 'none') : level.processId,
      rootCauseId: isProcess ? undefined : (r.id ?? 'none'),
    });
  const problemHref = (r: CauseFigures) =>
    `/causas/problemas/nuevo?${new URLSearchParams(
      isProcess
        ? { processId: String(r.id) }
        : { processId: String(level.processId), rootCauseId: String(r.id) },
    )}`;

  const columns = [
    { key: 'name', label: isProcess ? t('columns.process') : t('columns.cause') },
    { key: 'cases', label: t('columns.cases'), numeric: true },
    { key: 'share', label: t('columns.share'), numeric: true },
    { key: 'cumulative', label: t('columns.cumulative'), numeric: true },
    { key: 'days', label: t('columns.avgDays'), numeric: true },
    { key: 'late', label: t('columns.late'), numeric: true },
    { key: 'reopened', label: t('columns.reopened'), numeric: true },
    { key: 'repeat', label: t('columns.repeat'), numeric: true },
    { key: 'dissatisfied', label: t('columns.dissatisfied'), numeric: true },
    { key: 'actions', label: t('columns.actions') },
  ];
  const tableRows = rows.map((r) => [
    <span key="n" className="cause-name">
      {isProcess && r.id !== null ? (
        <Link href={causesHref(`/causas/${r.id}`, query)}>{nameOf(r)}</Link>
      ) : (
        nameOf(r)
      )}
      {r.isFlagged ? (
        <span className="badge cause-flag" data-testid="flag">
          <span aria-hidden="true">⚑</span> {t('flagged')}
        </span>
      ) : null}
    </span>,
    <Link key="c" href={casesHref(r)}>
      {r.cases}
      <span className="visually-hidden"> ({t('seeCases', { name: nameOf(r) })})</span>
    </Link>,
    percent(format, r.share),
    percent(format, r.cumulativeShare),
    decimal(format, r.avgAnswerDays),
    <span key="l">
      {percent(format, r.lateShare)}
      {r.lateBase > 0 ? (
        <span className="cause-sub">{t('ofTotal', { count: r.late, total: r.lateBase })}</span>
      ) : null}
    </span>,
    percent(format, r.reopenedShare),
    r.repeatContacts,
    <span key="d" className={r.isFlagged ? 'flag' : undefined}>
      {r.rated === 0 ? t('noRatings') : percent(format, r.dissatisfiedShare)}
      {r.rated > 0 ? (
        <span className="cause-sub">{t('ofTotal', { count: r.dissatisfied, total: r.rated })}</span>
      ) : null}
    </span>,
    r.id === null ? (
      '—'
    ) : (
      <Link
        key="p"
        href={problemHref(r)}
        className="button cause-action"
        aria-label={t('createProblemFor', { name: nameOf(r) })}
      >
        {t('createProblem')}
      </Link>
    ),
  ]);

  const head = rows[0];
  const weekLabel = (w: string) =>
    format.dateTime(new Date(`${w}T12:00:00Z`), {
      day: 'numeric',
      month: 'short',
      timeZone: 'UTC',
    });
  const trendData = trend.weeks.map((w, i) => ({
    label: weekLabel(w),
    ...Object.fromEntries(trend.series.map((s) => [`s${s.id}`, s.counts[i] ?? 0])),
  }));

  return (
    <div className="causes-view">
      <Kpis
        label={t('kpis.label')}
        items={[
          { label: t('kpis.complaints'), value: String(total.cases) },
          {
            label: isProcess ? t('kpis.flagged') : t('kpis.flaggedCauses'),
            value: String(flagged),
            note: t('kpis.flaggedNote'),
            isFlagged: flagged > 0,
          },
          {
            label: t('kpis.dissatisfied'),
            value: percent(format, total.dissatisfiedShare),
            note: t('kpis.dissatisfiedNote', { count: total.dissatisfied, rated: total.rated }),
          },
          {
            label: t('kpis.late'),
            value: percent(format, total.lateShare),
            note: t('kpis.lateNote', { count: total.late, base: total.lateBase }),
          },
          {
            label: t('kpis.avgDays'),
            value: decimal(format, total.avgAnswerDays),
            note: t('kpis.avgDaysNote'),
          },
        ]}
      />
      <Figure
        id="pareto"
        title={isProcess ? t('pareto.title') : t('pareto.titleCauses')}
        empty={t('pareto.empty')}
        columns={columns}
        rows={tableRows}
        chart={
          head ? (
            <ParetoChartFigure
              height={Math.max(190, rows.length * 36 + 90)}
              data={rows.map((r) => ({
                label: nameOf(r),
                cases: r.cases,
                cumulative: Math.min(100, Math.round(r.cumulativeShare * 1000) / 10),
              }))}
              bars={{ key: 'cases', label: t('columns.cases') }}
              cumulative={{ key: 'cumulative', label: t('columns.cumulative') }}
              summary={t('pareto.summary', {
                count: total.cases,
                name: nameOf(head),
                cases: head.cases,
                share: percent(format, head.share),
              })}
            />
          ) : null
        }
      />
      <Figure
        id="trend"
        title={t('trend.title')}
        empty={t('trend.empty')}
        description={t('definitions.weeks')}
        columns={[
          { key: 'week', label: t('trend.week') },
          ...trend.series.map((s) => ({ key: `s${s.id}`, label: s.name, numeric: true })),
        ]}
        rows={
          trend.series.length === 0
            ? []
            : trend.weeks.map((w, i) => [
                weekLabel(w),
                ...trend.series.map((s) => s.counts[i] ?? 0),
              ])
        }
        chart={
          <LineChartFigure
            data={trendData}
            series={trend.series.map((s) => ({ key: `s${s.id}`, label: s.name }))}
            summary={t(isProcess ? 'trend.summary' : 'trend.summaryCauses', {
              count: trend.series.length,
              from: query.from,
              to: query.to,
            })}
          />
        }
      />
      <section className="card cause-definitions" aria-labelledby="definitions-title">
        <h2 id="definitions-title">{t('definitions.title')}</h2>
        <ul>
          {(['complaints', 'pareto', 'avgDays', 'late', 'reopened', 'dissatisfied'] as const).map(
            (key) => (
              <li key={key}>{t(`definitions.${key}`)}</li>
            ),
          )}
        </ul>
      </section>
    </div>
  );
}
