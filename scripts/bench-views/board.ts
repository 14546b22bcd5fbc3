import type { Db } from '@/db/client';
import { queueFilterOptions } from '@/lib/server/cases/queue-options';
import { makeCtx } from '@/lib/server/core/context';
import { loadBoard } from '@/lib/server/supervision/board';
import { listAssignableAgents } from '@/lib/server/supervision/list-assignable-agents';
import { parseBoardQuery } from '@/lib/validation/board';
import type { ViewBench, ViewBenchContext } from './types';

/** Everything /tablero computes for one filter: the board, the agents to reassign to, the teams. */
async function boardPage(
  { db, supervisor, now }: ViewBenchContext,
  params: Record<string, string>,
): Promise<number> {
  const ctx = makeCtx(db, supervisor, now);
  const board = await loadBoard(ctx, parseBoardQuery(params));
  await listAssignableAgents(ctx);
  await queueFilterOptions(ctx);
  return board.totals.open;
}

const busiest = new WeakMap<Db, string>();

/** The team holding the most open cases: the heaviest team filter (looked up once, not timed twice). */
function busiestTeam(db: Db): string {
  const known = busiest.get(db);
  if (known) return known;
  const row = db.$client
    .prepare(
      `SELECT team_id AS id FROM cases
       WHERE state IN ('radicada', 'en_tramite', 'requiere_informacion') AND team_id IS NOT NULL
       GROUP BY team_id ORDER BY count(*) DESC LIMIT 1`,
    )
    .get() as { id: number } | undefined;
  const id = String(row?.id ?? 1);
  busiest.set(db, id);
  return id;
}

/** The board view's benchmarks (see types.ts). */
export const benches: ViewBench[] = [
  { name: 'tablero de vencimientos', run: (ctx) => boardPage(ctx, {}) },
  {
    name: 'tablero de vencimientos, un equipo',
    run: (ctx) => boardPage(ctx, { teamId: busiestTeam(ctx.db) }),
  },
  {
    name: 'tablero de vencimientos, página 20',
    run: (ctx) => boardPage(ctx, { page: '20' }),
  },
];
