'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useFormatter, useTranslations } from '@/lib/i18n/client';
import Link from 'next/link';
import type { Board, BoardFigures, BoardGroup } from '@/lib/server/supervision/board';
import dynamic from 'next/dynamic';
import { WhenVisible } from '@/app/_components/when-visible';
import type { Series } from '../_components/figures/charts';
import { Figure, type Column } from '../_components/figures/figure';
import { Kpis } from '@/app/_components/kpis';
import { BoardCases, type AgentOption } from './board-cases';
import { calendarDate } from '@/lib/i18n/formats';

/** The charts' drawing library loads only when a chart comes into view (issue 17 §7). */
const BarChartFigure = dynamic(
  () => import('../_components/figures/charts').then((m) => m.BarChartFigure),
  { ssr: false },
);

/** How often the board asks for fresh figures. */
export const BOARD_REFRESH_MS = 30_000;

const COLUMNS = [
  'open',
  'dueToday',
  'atRisk',
  'overdue',
  'promisesDueToday',
  'promisesBroken',
] as const satisfies readonly (keyof BoardFigures)[];

/** Overdue, due today, at risk: the stack, in the traffic light's colours (3:1 on white). */
const STACK = [
  { key: 'overdue', color: '#b42318' },
  { key: 'dueToday', color: '#a15c07' },
  { key: 'atRisk', color: '#0b5cad' },
] as const;

/**
 * The live part of the deadline board: key figures, the by-team and by-agent figures and the
 * cases behind them. Server-rendered first (`initial`), then polled every 30 s and refetched after
 * a bulk reassignment, without reloading the page.
 */
export function BoardView({
  initial,
  search,
  agents,
}: {
  initial: Board;
  /** The filter as URL params, shared by the page and GET /api/tablero. */
  search: string;
  agents: AgentOption[];
}) {
  const t = useTranslations('board');
  const format = useFormatter();
  const queryClient = useQueryClient();
  const queryKey = ['board', search];
  const { data, isError, isFetching } = useQuery({
    queryKey,
    queryFn: async (): Promise<Board> => {
      const res = await fetch(`/api/tablero${search ? `?${search}` : ''}`, { cache: 'no-store' });
      if (!res.ok) throw new Error(String(res.status));
      return res.json();
    },
    initialData: initial,
    initialDataUpdatedAt: Date.parse(initial.asOf),
    refetchInterval: BOARD_REFRESH_MS,
  });
  const board = data ?? initial;
  const { totals } = board;
  const count = (n: number) => format.number(n);
  const date = (d: string) => calendarDate(format, d);

  return (
    <>
      <p className="board-status muted">
        <span data-testid="board-as-of">
          {t('asOf', { time: format.dateTime(new Date(board.asOf), 'clock') })}
        </span>
        {isFetching ? <span aria-hidden="true"> · {t('refreshing')}</span> : null}
      </p>
      {isError ? (
        <p role="alert" className="alert alert-error">
          {t('loadError')}
        </p>
      ) : null}
      <div className="board-kpis">
        <Kpis
          label={t('kpis.label')}
          items={[
            { label: t('kpis.dueToday'), value: count(totals.dueToday) },
            {
              label: t('kpis.atRisk'),
              value: count(totals.atRisk),
              note: t('kpis.atRiskNote', { date: date(board.atRiskUntil) }),
            },
            {
              label: t('kpis.overdue'),
              value: count(totals.overdue),
              note: t('kpis.openNote', { count: totals.open }),
              isFlagged: totals.overdue > 0,
            },
            { label: t('kpis.promisesDueToday'), value: count(totals.promisesDueToday) },
            {
              label: t('kpis.promisesBroken'),
              value: count(totals.promisesBroken),
              isFlagged: totals.promisesBroken > 0,
            },
            {
              label: t('kpis.undelivered'),
              value: count(totals.undelivered),
              note: t('kpis.undeliveredNote'),
              isFlagged: totals.undelivered > 0,
            },
          ]}
        />
      </div>
      <div className="board-figures">
        <GroupFigure kind="team" rows={board.byTeam} search={search} />
        <GroupFigure kind="agent" rows={board.byAgent} search={search} />
      </div>
      <BoardCases
        cases={board.cases}
        agents={agents}
        search={search}
        onReassigned={() => queryClient.invalidateQueries({ queryKey: ['board'] })}
      />
    </>
  );
}

/** An axis end that gives whole-number ticks (the chart draws 5): 3 → 4, 1,422 → 1,500 … */
function niceMax(n: number): number {
  const step = n / 4;
  const magnitude = 10 ** Math.floor(Math.log10(step));
  const nice = [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].find((f) => f * magnitude >= step) ?? 10;
  return Math.max(4, Math.ceil(nice * magnitude) * 4);
}

/** By team or by agent: a stacked bar per row and the same numbers, and more, as a table. */
function GroupFigure({
  kind,
  rows,
  search,
}: {
  kind: 'team' | 'agent';
  rows: BoardGroup[];
  search: string;
}) {
  const t = useTranslations('board');
  const format = useFormatter();
  const section = kind === 'team' ? 'byTeam' : 'byAgent';
  const nameOf = (row: BoardGroup) => row.name ?? (kind === 'team' ? t('noTeam') : t('unassigned'));
  const filterHref = (id: number) => {
    const params = new URLSearchParams(search);
    params.delete('page');
    params.set(kind === 'team' ? 'teamId' : 'agentId', String(id));
    return `/tablero?${params.toString()}`;
  };
  const due = (r: BoardGroup) => r.overdue + r.dueToday + r.atRisk;
  const top = rows.reduce<BoardGroup | null>((a, r) => (a && due(a) >= due(r) ? a : r), null);
  const series: Series[] = STACK.map((s) => ({ ...s, label: t(`columns.${s.key}`) }));
  const columns: Column[] = [
    { key: 'name', label: t(`columns.${kind}`) },
    ...COLUMNS.map((c) => ({ key: c, label: t(`columns.${c}`), numeric: true })),
  ];
  return (
    <Figure
      id={`board-${kind}`}
      title={t(`${section}.title`)}
      description={kind === 'agent' ? t('byAgent.description') : undefined}
      empty={t('empty')}
      chart={
        top && due(top) > 0 ? (
          <WhenVisible height={Math.max(170, 80 + rows.length * 36)}>
            <BarChartFigure
              horizontal
              stacked
              max={niceMax(due(top))}
              height={Math.max(170, 80 + rows.length * 36)}
              data={rows.map((r) => ({
                label: nameOf(r),
                overdue: r.overdue,
                dueToday: r.dueToday,
                atRisk: r.atRisk,
              }))}
              series={series}
              summary={t(`${section}.summary`, {
                count: rows.length,
                top: nameOf(top),
                n: due(top),
              })}
            />
          </WhenVisible>
        ) : // Nothing due: the table of counts says so; the cases' list below says it once.
        undefined
      }
      columns={columns}
      rows={rows.map((r) => [
        r.id === null ? (
          nameOf(r)
        ) : (
          <Link
            key="name"
            href={filterHref(r.id)}
            title={t(`${section}.filterBy`, { name: nameOf(r) })}
          >
            {nameOf(r)}
          </Link>
        ),
        ...COLUMNS.map((c) => format.number(r[c])),
      ])}
    />
  );
}
