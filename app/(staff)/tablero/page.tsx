import type { Metadata } from 'next';
import { getTranslations } from '@/lib/i18n/server';
import Form from 'next/form';
import Link from 'next/link';
import { requireStaffPage } from '@/lib/server/auth/session';
import { queueFilterOptions } from '@/lib/server/cases/queue-options';
import { requestCtx } from '@/lib/server/core/context';
import { loadBoard } from '@/lib/server/supervision/board';
import { listAssignableAgents } from '@/lib/server/supervision/list-assignable-agents';
import { boardQueryToSearchParams, parseBoardQuery, type BoardQuery } from '@/lib/validation/board';
import { BoardView } from './board-view';
import './board.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('board');
  return { title: t('title') };
}

/**
 * Tablero de vencimientos: rendered here first, then kept fresh by BoardView polling
 * GET /api/tablero with the same filter.
 */
export default async function BoardPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const ctx = requestCtx(await requireStaffPage('supervision', '/tablero'));
  const query = parseBoardQuery(await searchParams);
  const t = await getTranslations('board');
  const board = await loadBoard(ctx, query);
  const agents = await listAssignableAgents(ctx);
  return (
    <>
      <section className="page-head">
        <h1>{t('title')}</h1>
        <p className="muted">{t('intro')}</p>
      </section>
      <BoardFilters query={query} agents={agents} />
      <BoardView
        initial={board}
        search={boardQueryToSearchParams(query).toString()}
        agents={agents.map((a) => ({ id: a.id, name: a.name, teamName: a.teamName }))}
      />
    </>
  );
}

/** Team and agent only: the board is always "now", so the period filter has no place here. */
async function BoardFilters({
  query,
  agents,
}: {
  query: BoardQuery;
  agents: { id: number; name: string }[];
}) {
  const t = await getTranslations('board.filters');
  const viewer = await requireStaffPage('supervision');
  const { teams } = await queueFilterOptions(requestCtx(viewer));
  const select = (name: 'teamId' | 'agentId', options: { id: number; name: string }[]) => (
    <div className="field">
      <label htmlFor={`bf-${name}`}>{t(name === 'teamId' ? 'team' : 'agent')}</label>
      <select id={`bf-${name}`} name={name} defaultValue={String(query[name] ?? '')}>
        <option value="">{t('any')}</option>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <Form action="/tablero" className="filter-grid card board-filters" aria-label={t('label')}>
      {select('teamId', teams)}
      {select('agentId', agents)}
      <div className="button-row">
        <button type="submit" className="button button-primary">
          {t('apply')}
        </button>
        <Link href="/tablero" className="button">
          {t('clear')}
        </Link>
      </div>
    </Form>
  );
}
