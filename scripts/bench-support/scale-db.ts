/**
 * The million-case benchmark database, shared by `npm run bench` (queries in process) and
 * `npm run bench:http` (the same data through the production server): where it is, seeding it
 * when empty, and the actors every benchmark measures as.
 */
import path from 'node:path';
import { count } from 'drizzle-orm';
import type { Conn, Db } from '@/db/client';
import { cases } from '@/db/tables';
import { seedScale } from '@/db/seed/scale';
import type { Actor } from '@/lib/server/core/actor';

export const SCALE_CASES = 1_000_000;

export type Staff = Extract<Actor, { id: number }>;

/** BENCH_DB, or /tmp/ventanilla-bench.db. */
export function benchDbFile(): string {
  return path.resolve(process.env.BENCH_DB ?? '/tmp/ventanilla-bench.db');
}

export function caseCount(db: Db): number {
  return (db.$client.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n;
}

/** The cases of either engine's database (bench:http on PostgreSQL). */
export async function countCases(db: Conn): Promise<number> {
  const [row] = await db.select({ n: count() }).from(cases);
  return row?.n ?? 0;
}

/**
 * Seeds the scale data (about 2 minutes) when the database has no cases; exits 2 when it holds
 * some but fewer than a million (another database: it is not ours to fill).
 */
export async function ensureScaleData(
  db: Db,
  file: string,
  log: (line: string) => void,
): Promise<void> {
  const existing = caseCount(db);
  if (existing >= SCALE_CASES) return;
  if (existing > 0) {
    log(`${file} tiene ${existing} casos (< ${SCALE_CASES}); bórrela para generar la carga.`);
    process.exit(2);
  }
  log(`Generando ${SCALE_CASES} casos en ${file}…`);
  const started = performance.now();
  await seedScale(db, {
    cases: SCALE_CASES,
    now: new Date(),
    onProgress: (m) =>
      log(`  ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s  ${m}`),
  });
}

/** The first active supervisor, and the agent whose team holds the most cases (the worst case). */
export function pickActors(db: Db): { agent: Staff; supervisor: Staff } {
  const sup = db.$client
    .prepare(
      "SELECT id, team_id AS teamId FROM staff_users WHERE role = 'supervisor' AND is_active = 1 ORDER BY id LIMIT 1",
    )
    .get() as { id: number; teamId: number | null } | undefined;
  const agent = db.$client
    .prepare(
      `SELECT s.id, s.team_id AS teamId FROM staff_users s
       WHERE s.role = 'agent' AND s.is_active = 1 AND s.team_id IS NOT NULL
       ORDER BY (SELECT count(*) FROM cases c WHERE c.team_id = s.team_id) DESC, s.id LIMIT 1`,
    )
    .get() as { id: number; teamId: number } | undefined;
  if (!sup || !agent)
    throw new Error('The database needs an active supervisor and an agent with a team.');
  return {
    agent: { role: 'agent', ...agent },
    supervisor: { role: 'supervisor', ...sup },
  };
}
