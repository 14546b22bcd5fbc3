'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useLive } from '@/app/_components/live';
import { useFormatter, useTranslations } from '@/lib/i18n/client';
import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { CASE_STATES, CASE_TYPES, CHANNELS } from '@/lib/domain/enums';
import { CASE_SORTS, QUEUES, type Queue } from '@/lib/validation/case-query';
import { BulkPanel, type BulkOptions } from './bulk-panel';
import { QueueTable, type QueueRow } from './queue-table';

type CaseList = {
  rows: QueueRow[];
  total: number;
  page: number;
  pageSize: number;
  counts: Record<Queue, number>;
};
type Option = { id: number; name: string };

/**
 * The queues: the URL holds every filter, so a view can be shared; React Query keeps it fresh,
 * starting from the page the server rendered with it.
 */
export function QueueView({
  first,
  teams,
  staff,
  processes,
  bulk,
}: {
  /** The view the page was rendered for, its first page and when it was read. */
  first: { qs: string; list: CaseList; at: number };
  teams: Option[];
  staff: Option[];
  processes: Option[];
  bulk: Omit<BulkOptions, 'staff'>;
}) {
  const t = useTranslations('queues');
  const tSupervision = useTranslations('supervision');
  const tTypes = useTranslations('types');
  const tStates = useTranslations('states');
  const tChannels = useTranslations('channels');
  const format = useFormatter();
  // The selection belongs to one view: another queue, filter or page starts with none.
  const [selection, setSelection] = useState({ qs: '', ids: new Set<number>() });
  const router = useRouter();
  const queryClient = useQueryClient();
  const pathname = usePathname();
  const params = useSearchParams();
  const qs = params.toString();
  const queue = (params.get('queue') as Queue | null) ?? 'mine';
  const { data, isPending, isError } = useQuery({
    queryKey: ['cases', qs],
    queryFn: async (): Promise<CaseList> => {
      const res = await fetch(`/api/casos?${qs}`);
      if (!res.ok) throw new Error(String(res.status));
      return res.json();
    },
    // The page came with the rows of its own view: no fetch until they go stale.
    initialData: qs === first.qs ? first.list : undefined,
    initialDataUpdatedAt: first.at,
    refetchInterval: 60_000,
  });
  // Any case changing refetches the list at once (server-sent events, issue 14 §4).
  useLive('cases', (change) => {
    if ((change as { caseIds?: unknown[] }).caseIds?.length) {
      void queryClient.invalidateQueries({ queryKey: ['cases'] });
    }
  });
  const withParams = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === '') next.delete(k);
      else next.set(k, v);
    }
    return `${pathname}?${next.toString()}`;
  };
  const onFilter = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const next = new URLSearchParams({ queue });
    for (const [k, v] of form.entries()) if (typeof v === 'string' && v) next.append(k, v);
    router.push(`${pathname}?${next.toString()}`);
  };
  const select = (
    name: string,
    label: string,
    items: { value: string; label: string }[],
    withAny = true,
  ) => (
    <div className="field">
      <label htmlFor={`f-${name}`}>{label}</label>
      <select
        id={`f-${name}`}
        name={name}
        defaultValue={params.get(name) ?? (withAny ? '' : items[0]?.value)}
      >
        {withAny && <option value="">{t('any')}</option>}
        {items.map((i) => (
          <option key={i.value} value={i.value}>
            {i.label}
          </option>
        ))}
      </select>
    </div>
  );
  // The export takes the view's own params (queue, filters, sort) and streams every page of it.
  const exportParams = new URLSearchParams(params);
  exportParams.set('queue', queue);
  exportParams.delete('page');
  exportParams.delete('pageSize');
  const ids = (list: Option[]) => list.map((o) => ({ value: String(o.id), label: o.name }));
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  const selected = selection.qs === qs ? selection.ids : new Set<number>();
  const choose = (ids: Set<number>) => setSelection({ qs, ids });
  const toggle = (id: number) => {
    const ids = new Set(selected);
    if (!ids.delete(id)) ids.add(id);
    choose(ids);
  };

  return (
    <section className="card" aria-labelledby="queues-title">
      <h2 id="queues-title" className="visually-hidden">
        {t('title')}
      </h2>
      <nav aria-label={t('title')} className="queue-tabs">
        {QUEUES.map((q) => (
          <Link
            key={q}
            href={withParams({ queue: q, page: null })}
            aria-current={q === queue ? 'page' : undefined}
            className={q === queue ? 'queue-tab active' : 'queue-tab'}
          >
            {t(`tabs.${q}`)}{' '}
            <span className="count">{data ? format.number(data.counts[q]) : '…'}</span>
          </Link>
        ))}
      </nav>
      <details className="filters">
        <summary>{t('filters')}</summary>
        <form onSubmit={onFilter} className="filter-grid" key={qs}>
          {select(
            'type',
            t('type'),
            CASE_TYPES.map((c) => ({ value: c, label: tTypes(c) })),
          )}
          {select(
            'channel',
            t('channel'),
            CHANNELS.map((c) => ({ value: c, label: tChannels(c) })),
          )}
          {select(
            'state',
            t('state'),
            CASE_STATES.map((c) => ({ value: c, label: tStates(c) })),
          )}
          {select('teamId', t('team'), ids(teams))}
          {select('assigneeId', t('assignee'), ids(staff))}
          {select('processId', t('process'), ids(processes))}
          <div className="field">
            <label htmlFor="f-from">{t('from')}</label>
            <input id="f-from" name="from" type="date" defaultValue={params.get('from') ?? ''} />
          </div>
          <div className="field">
            <label htmlFor="f-to">{t('to')}</label>
            <input id="f-to" name="to" type="date" defaultValue={params.get('to') ?? ''} />
          </div>
          {select(
            'sort',
            t('sort'),
            CASE_SORTS.map((s) => ({ value: s, label: t(`sorts.${s}`) })),
            false,
          )}
          <div className="button-row">
            <button type="submit" className="button button-primary">
              {t('apply')}
            </button>
            <Link href={`${pathname}?queue=${queue}`} className="button">
              {t('clear')}
            </Link>
          </div>
        </form>
      </details>
      {data && data.total > 0 && (
        <div className="button-row">
          <a href={`/api/casos/export?${exportParams.toString()}`} className="button" download>
            {tSupervision('exportCsv')}
          </a>
        </div>
      )}
      {isPending && <p className="muted">{t('loading')}</p>}
      {isError && (
        <p role="alert" className="alert alert-error">
          {t('error')}
        </p>
      )}
      {data && data.rows.length === 0 && <p className="muted">{t('empty')}</p>}
      {data && data.rows.length > 0 && (
        <>
          <BulkPanel
            rows={data.rows}
            selected={selected}
            onSelect={choose}
            options={{ ...bulk, staff }}
            onRun={() => void queryClient.invalidateQueries({ queryKey: ['cases'] })}
          />
          <QueueTable rows={data.rows} selected={selected} onToggle={toggle} />
        </>
      )}
      {data && data.total > 0 && (
        <nav
          className="pager"
          aria-label={t('page', { page: data.page, pages, total: data.total })}
        >
          {data.page > 1 ? (
            <Link href={withParams({ page: String(data.page - 1) })}>{t('previous')}</Link>
          ) : (
            <span />
          )}
          <span className="muted">{t('page', { page: data.page, pages, total: data.total })}</span>
          {data.page < pages ? (
            <Link href={withParams({ page: String(data.page + 1) })}>{t('next')}</Link>
          ) : (
            <span />
          )}
        </nav>
      )}
    </section>
  );
}
