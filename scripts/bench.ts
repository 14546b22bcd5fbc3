/**
 * Query benchmark on a million cases:
 *   npm run bench                      uses BENCH_DB (default /tmp/ventanilla-bench.db)
 * Seeds the scale data first when the database has no cases (about 2 minutes), then times each
 * queue as an agent and as a supervisor, a filtered view, a deep page and, when the module exists,
 * the search, the supervisor views, and drawing an answer letter (PDF) and its notice e-mail
 * (100 ms each). Writes bench-results/bench.json; exits 1 when a median misses its target.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { openDb } from '@/db/client';
import { env } from '@/lib/env';
import { benchPgSearch } from './bench-support/pg-search';
import { addCalendarDays, toLocalDate } from '@/lib/domain/calendar';
import { listCases } from '@/lib/server/cases/list-cases';
import { getOrganization } from '@/lib/server/core/organization';
import { parseCaseQuery, QUEUES, type CaseQueryInput } from '@/lib/validation/case-query';
import { benches as boardBenches } from './bench-views/board';
import { benches as causesBenches } from './bench-views/causes';
import { benches as letterBenches } from './bench-views/letters';
import { benches as qualityBenches } from './bench-views/quality';
import { benches as reportsBenches } from './bench-views/reports';
import { makeCtx, type Ctx } from '@/lib/server/core/context';
import {
  benchDbFile,
  caseCount,
  ensureScaleData,
  pickActors,
  type Staff,
} from './bench-support/scale-db';

const WARM_UP = 2;
const RUNS = 15;
const TARGET_MS = { queue: 200, search: 200, view: 500, render: 100 } as const;

type SearchCases = (
  ctx: Ctx,
  input: { q: string; page: number; pageSize: number },
) => Promise<{ total?: number; rows?: unknown[] } | unknown>;

interface Result {
  name: string;
  kind: keyof typeof TARGET_MS;
  medianMs: number;
  p95Ms: number;
  targetMs: number;
  isOk: boolean;
  total: number | null;
}

const file = benchDbFile();
const log = (line: string) => process.stdout.write(`${line}\n`);

type Run = () => number | null | Promise<number | null>;

async function measure(run: Run): Promise<{
  medianMs: number;
  p95Ms: number;
  total: number | null;
}> {
  let total: number | null = null;
  for (let i = 0; i < WARM_UP; i++) total = await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const rank = (p: number) => times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)]!;
  return { medianMs: rank(0.5), p95Ms: rank(0.95), total };
}

async function loadSearch(): Promise<SearchCases | null> {
  const url = pathToFileURL(path.join(process.cwd(), 'lib/server/cases/search-cases.ts')).href;
  try {
    const mod = (await import(url)) as { searchCases?: SearchCases };
    return typeof mod.searchCases === 'function' ? mod.searchCases : null;
  } catch (error) {
    log(
      `Búsqueda omitida: no se pudo cargar lib/server/cases/search-cases.ts (${(error as Error).message})`,
    );
    return null;
  }
}

async function main() {
  const db = openDb(file);
  await ensureScaleData(db, file, log);
  // With DATABASE_URL: what runs on PostgreSQL today, beside SQLite (bench-support/pg-search.ts).
  const pgUrl = env().DATABASE_URL;
  if (pgUrl) {
    const rows = await benchPgSearch(db, pgUrl, log);
    const out = path.join(process.cwd(), 'bench-results', 'bench-pg.json');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, `${JSON.stringify({ at: new Date().toISOString(), rows }, null, 2)}\n`);
    db.$client.close();
    return;
  }
  const now = new Date();
  const { agent, supervisor } = pickActors(db);
  const results: Result[] = [];
  const record = async (name: string, kind: Result['kind'], run: Run) => {
    const m = await measure(run);
    const targetMs = TARGET_MS[kind];
    results.push({ name, kind, ...m, targetMs, isOk: m.medianMs <= targetMs });
    const r = results.at(-1)!;
    log(
      `${name.padEnd(42)} ${r.medianMs.toFixed(1).padStart(8)} ${r.p95Ms.toFixed(1).padStart(8)} ${String(targetMs).padStart(7)} ${String(r.total ?? '').padStart(9)}  ${r.isOk ? 'ok' : 'LENTO'}`,
    );
  };

  log(
    `\n${caseCount(db)} casos en ${file}; agente ${agent.id} (equipo ${agent.teamId}), supervisor ${supervisor.id}`,
  );
  log(
    `${'consulta'.padEnd(42)} ${'mediana'.padStart(8)} ${'p95'.padStart(8)} ${'meta'.padStart(7)} ${'total'.padStart(9)}`,
  );
  const run = (actor: Staff, input: CaseQueryInput) => async () =>
    (await listCases(makeCtx(db, actor, now), { ...parseCaseQuery({}), ...input })).total;
  for (const [who, actor] of [
    ['agente', agent],
    ['supervisor', supervisor],
  ] as const) {
    for (const queue of QUEUES) await record(`${who} ${queue}`, 'queue', run(actor, { queue }));
  }
  const tz = (await getOrganization(db)).timeZone;
  const to = addCalendarDays(toLocalDate(now, tz), -1);
  const month = {
    type: ['R' as const],
    channel: ['web' as const],
    from: addCalendarDays(to, -29),
    to,
  };
  await record('agente all R+web+30 días', 'queue', run(agent, { queue: 'all', ...month }));
  await record(
    'supervisor all R+web+30 días',
    'queue',
    run(supervisor, { queue: 'all', ...month }),
  );
  await record('agente all página 50', 'queue', run(agent, { queue: 'all', page: 50 }));
  await record('supervisor all página 50', 'queue', run(supervisor, { queue: 'all', page: 50 }));

  const searchCases = await loadSearch();
  if (searchCases) {
    const radicado = (
      db.$client.prepare('SELECT radicado FROM cases ORDER BY id DESC LIMIT 1').get() as {
        radicado: string;
      }
    ).radicado;
    for (const q of [radicado, 'factura', 'Gómez']) {
      await record(`búsqueda "${q}" (supervisor)`, 'search', async () => {
        const out = (await searchCases(makeCtx(db, supervisor), { q, page: 1, pageSize: 25 })) as {
          total?: number;
        };
        return typeof out?.total === 'number' ? out.total : null;
      });
    }
  }

  const supervisorActor = {
    ...supervisor,
    role: 'supervisor' as const,
    name: 'bench',
    email: 'bench@ventanilla.test',
    teamName: null,
  };
  for (const bench of [...boardBenches, ...qualityBenches, ...causesBenches, ...reportsBenches]) {
    await record(
      bench.name,
      'view',
      async () => await bench.run({ db, supervisor: supervisorActor, now }),
    );
  }
  // The answer letter and the notice e-mail are drawn per answer: each under 100 ms (issue 12).
  for (const bench of letterBenches) {
    await record(
      bench.name,
      'render',
      async () => await bench.run({ db, supervisor: supervisorActor, now }),
    );
  }

  const out = path.join(process.cwd(), 'bench-results', 'bench.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(
    out,
    `${JSON.stringify({ at: now.toISOString(), db: file, cases: caseCount(db), agent, supervisor, warmUp: WARM_UP, runs: RUNS, results }, null, 2)}\n`,
  );
  db.$client.close();
  const slow = results.filter((r) => !r.isOk);
  log(`\nResultados: ${out}`);
  if (slow.length > 0) {
    log(`Sobre la meta: ${slow.map((r) => r.name).join(', ')}`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
