import { getFormatter, getTranslations } from '@/lib/i18n/server';
import Link from 'next/link';
import type { listDrillDown } from '@/lib/server/supervision/drill-down';
import { DataTable } from './figure';

/**
 * The cases behind a figure: radicado (links to the case), type, state, received, due, answer
 * (on time or late, business days), reopen/repeat counts, assignee, process and cause. Pages are
 * plain links that keep the view's URL; `csvHref` downloads the whole list.
 */
export async function DrillDownTable({
  title,
  list,
  pageHref,
  csvHref,
}: {
  title: string;
  list: Awaited<ReturnType<typeof listDrillDown>>;
  /** The URL of a page of this list. */
  pageHref: (page: number) => string;
  csvHref?: string;
}) {
  const t = await getTranslations('supervision.drillDown');
  const tTypes = await getTranslations('types');
  const tStates = await getTranslations('states');
  const format = await getFormatter();
  const columns = [
    { key: 'radicado', label: t('radicado') },
    { key: 'type', label: t('type') },
    { key: 'subject', label: t('subject') },
    { key: 'state', label: t('state') },
    { key: 'received', label: t('received') },
    { key: 'due', label: t('due') },
    { key: 'answer', label: t('answer') },
    { key: 'reopen', label: t('reopenRepeat'), numeric: true },
    { key: 'assignee', label: t('assignee') },
    { key: 'process', label: t('process') },
  ];
  const rows = list.rows.map((r) => [
    <Link key="r" href={`/casos/${r.radicado}`} className="mono">
      {r.radicado}
    </Link>,
    tTypes(r.typeCode),
    r.subject,
    tStates(r.state),
    format.dateTime(new Date(r.receivedAt), 'day'),
    r.dueDate ?? '—',
    r.firstAnsweredAt === null
      ? t('notAnswered')
      : `${r.answeredOnTime === 0 ? t('late') : r.answeredOnTime === 1 ? t('onTime') : ''} · ${
          r.answerBusinessDays === null
            ? format.dateTime(new Date(r.firstAnsweredAt), 'day')
            : t('businessDays', { count: r.answerBusinessDays })
        }`,
    `${r.reopenCount} / ${r.repeatContactCount}`,
    r.assigneeName ?? t('unassigned'),
    [r.processName, r.rootCauseName].filter(Boolean).join(' › ') || '—',
  ]);
  return (
    <section className="card figure" aria-labelledby="drill-title">
      <div className="figure-head">
        <h2 id="drill-title" className="figure-title">
          {title}
        </h2>
        <p className="muted">{t('total', { count: list.total })}</p>
        {csvHref ? (
          <a href={csvHref} className="button" download>
            {t('csv')}
          </a>
        ) : null}
      </div>
      {list.rows.length === 0 ? (
        <p className="muted">{t('empty')}</p>
      ) : (
        <DataTable caption={title} columns={columns} rows={rows} />
      )}
      {list.pageCount > 1 ? (
        <nav className="pager" aria-label={t('pages')}>
          {list.page > 1 ? <Link href={pageHref(list.page - 1)}>{t('previous')}</Link> : <span />}
          <span>{t('pageOf', { page: list.page, pages: list.pageCount })}</span>
          {list.page < list.pageCount ? (
            <Link href={pageHref(list.page + 1)}>{t('next')}</Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </section>
  );
}
