/**
 * The HTTP benchmark on a million cases (issue 15 §6):
 *   npm run build && npm run bench:http [-- --duration 10 --connections 16 --only <row> --rare <word>
 *   --rounds N --profile <folder>]
 * Reuses the scale database of `npm run bench` (BENCH_DB, seeded when empty; migrated on open),
 * starts the production server on it (scripts/serve.mjs, JOBS=off) and a bare node:http server,
 * signs in as the largest team's agent, and measures each row of the issue's table with autocannon
 * beside its ceiling, measured just before it in the same run (bare node:http, the app's cheapest
 * JSON route, `/`); with --rounds N, the two in turn N times and the median round counts. Then
 * the agents' queue p95 with a slow supervisor view and with an export running at the same time,
 * the server's resident memory and the public pages' weight. Writes
 * bench-results/bench-http.json; exits 1 when a ratio or a limit misses its goal.
 * Rows (for --only, one or several comma-separated): queue, casos, search-broad, search-rare, portal-case, staff-case, intake,
 * contention.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { closeDatabase, openDb, type Conn } from '@/db/client';
import { closePg, pgPool, type PgDb } from '@/db/pg/client';
import { env } from '@/lib/env';
import { signCaseAccess } from '@/lib/server/portal/portal-access';
import { sleep, staffSessionCookie, startAppServer } from './bench-support/app-server';
import {
  benchDbFile,
  countCases,
  ensureScaleData,
  pickActors,
  SCALE_CASES,
} from './bench-support/scale-db';
import {
  check,
  measure,
  requestOnce,
  slowClient,
  type Measurement,
  type Target,
} from './bench-http/load';
import {
  allPass,
  formatLimits,
  formatRows,
  type LimitResult,
  type RowResult,
} from './bench-http/report';
import {
  createIntakeKeys,
  findOldCase,
  holdsCase,
  intakeFilings,
  mergeSearchIndexAsTheJobWould,
  revokeIntakeKeys,
} from './bench-http/setup';
import { benchTargets, ROWS, type RowId } from './bench-http/targets';

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '16' },
    only: { type: 'string' },
    rare: { type: 'string', default: 'tornillo' },
    warmup: { type: 'string', default: '3' },
    /** Each row and its ceiling are measured this many times in turn; the median round counts. */
    rounds: { type: 'string', default: '1' },
    port: { type: 'string', default: '3500' },
    /** The server writes a V8 CPU profile (.cpuprofile) there as it stops. */
    profile: { type: 'string' },
  },
});
const seconds = Number(args.duration);
const connections = Number(args.connections);
const warmup = Number(args.warmup);
const rounds = Math.max(1, Math.trunc(Number(args.rounds)) || 1);
const port = Number(args.port);
/** --only: one row or several, comma-separated (`--only queue,search-broad,staff-case`). */
const only = args.only?.split(',').map((id) => id.trim());
const known: readonly string[] = [...ROWS, 'contention'];
if (only?.some((id) => !known.includes(id))) {
  process.stderr.write(`--only: una o varias (con comas) de ${known.join(', ')}\n`);
  process.exit(2);
}
const isIn = (id: RowId | 'contention') => only === undefined || only.includes(id);

const SECRET = 'bench-http-secret-0123456789abcdef';
// The keys' signing secrets are sealed with the app secret: the server must open them.
process.env.NEXTAUTH_SECRET = SECRET;
const MEMORY_LIMIT_MB = 350;
const PAGE_LIMIT_KB = 30;
const CONTENTION_LIMIT_PERCENT = 20;
/** A cheap request answered this fast means nothing is queued ahead of it. */
const CALM_MS = 50;
const SETTLE_LIMIT_MS = 30_000;
const log = (line: string) => process.stdout.write(`${line}\n`);

/** The bare node:http ceiling in a process of its own, like the app's server. */
async function startBareServer(listenOn: number) {
  const child = spawn(
    process.execPath,
    [path.join('scripts', 'bench-http', 'bare-json-server.mjs'), String(listenOn)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`bare server exited (${code})`)));
  });
  return { url: `http://127.0.0.1:${listenOn}`, stop: () => child.kill('SIGTERM') };
}

// ── The data: migrated, seeded if empty, the actors, an old case, intake keys ──────────────────
// With DATABASE_URL the server runs on that PostgreSQL, which must hold the copy of the SQLite
// bench file (`npm run db:copy -- --from <file> --to <url>`): the actors and the old case are
// chosen in the file and found under the same ids in the copy.
const file = benchDbFile();
const pgUrl = env().DATABASE_URL;
const now = new Date();
const db = openDb(file);
await ensureScaleData(db, file, log);
if (!pgUrl) {
  const merged = await mergeSearchIndexAsTheJobWould(db);
  if (merged.before.index !== merged.after.index) {
    log(
      `índice de búsqueda fusionado como lo haría la tarea horaria: ${merged.before.index} → ${merged.after.index} segmentos`,
    );
  }
}
const { agent, supervisor } = pickActors(db);
const oldCase = findOldCase(db, agent.teamId!, now);
closeDatabase(db);
/** The database the server serves from: the file, or the PostgreSQL copy of it. */
function openServed(): { conn: Conn; close: () => Promise<void> } {
  if (!pgUrl) {
    const lite = openDb(file, { migrate: false });
    return { conn: lite, close: async () => closeDatabase(lite) };
  }
  const pg: PgDb = pgPool(pgUrl);
  return { conn: pg as unknown as Conn, close: () => closePg(pg) };
}
const served = openServed();
const where = pgUrl ? `PostgreSQL ${new URL(pgUrl).host}${new URL(pgUrl).pathname}` : file;
const casesBefore = await countCases(served.conn);
if (pgUrl && (casesBefore < SCALE_CASES || !(await holdsCase(served.conn, oldCase)))) {
  log(
    `${where} no tiene la copia de ${file} (${casesBefore} casos): npm run db:copy -- --from ${file} --to <DATABASE_URL>`,
  );
  process.exit(2);
}
const keys = isIn('intake') ? await createIntakeKeys(served.conn, seconds + warmup + 5, 1000) : [];
await served.close();
log(
  `${casesBefore} casos en ${where}; agente ${agent.id} (equipo ${agent.teamId}), supervisor ${supervisor.id}, caso antiguo ${oldCase.radicado}`,
);
log(
  `${connections} conexiones, ${seconds} s por corrida${only ? `, solo ${only.join(', ')}` : ''}`,
);

/** Revokes the run's keys and tells how many cases its requests filed. */
async function closeTheBooks() {
  const after = openServed();
  await revokeIntakeKeys(after.conn, keys, new Date());
  const filed = (await countCases(after.conn)) - casesBefore;
  await after.close();
  if (filed > 0) log(`(${filed} casos radicados por la corrida de radicación)`);
}

const bare = await startBareServer(port + 1);
const server = await startAppServer({
  port,
  databasePath: file,
  secret: SECRET,
  profileDir: args.profile && path.resolve(args.profile),
}).catch(async (error: unknown) => {
  bare.stop();
  await closeTheBooks();
  throw error;
});
let peakRss = server.rssMb();
const sampler = setInterval(() => (peakRss = Math.max(peakRss, server.rssMb())), 250);

const { ceilings, rows, slowLoads } = benchTargets({
  app: server.url,
  bare: bare.url,
  agentCookie: await staffSessionCookie(agent, SECRET),
  supervisorCookie: await staffSessionCookie(supervisor, SECRET),
  caseCookie: `ventanilla_caso=${signCaseAccess(oldCase.id, new Date(Date.now() + 3_600_000), 'cookie', SECRET)}`,
  oldCase,
  rareWord: args.rare,
  intake: intakeFilings(keys),
});

/**
 * autocannon stops sending at the deadline, but the server still owes the requests in flight (16
 * slow ones can take seconds): the next run waits until a cheap request is answered at once again,
 * so it does not pay for the previous one.
 */
async function settle(): Promise<void> {
  const started = Date.now();
  for (let calm = 0; calm < 2;) {
    if (Date.now() - started > SETTLE_LIMIT_MS) {
      log(`  (el servidor sigue ocupado tras ${SETTLE_LIMIT_MS / 1000} s; se sigue)`);
      return;
    }
    const probe = await requestOnce(server.url, ceilings.json.target);
    calm = probe.ms < CALM_MS ? calm + 1 : 0;
    await sleep(100);
  }
}
/** With --profile: each run's span on the monotonic clock the profile's timestamps use (µs). */
const windows: { path: string; from: number; to: number; answers: number }[] = [];
const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);
const run = async (base: string, target: Target, duration = seconds) => {
  const from = monotonicUs();
  const measured = await measure(base, target, { connections, seconds: duration });
  if (base === server.url) {
    windows.push({ path: target.path, from, to: monotonicUs(), answers: measured.answers });
  }
  await settle();
  return measured;
};
/**
 * A ceiling then a target, `rounds` times in turn: the round whose ratio is the median (the lower
 * of the two middle ones), so one round that the machine's neighbours slowed does not decide.
 */
const paired = async (
  ceiling: { base: string; target: Target },
  base: string,
  target: Target,
): Promise<{ ceiling: Measurement; measured: Measurement; ratios: number[] }> => {
  const pairs: { ceiling: Measurement; measured: Measurement; ratio: number }[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const ceilingRun = await run(ceiling.base, ceiling.target);
    const measured = await run(base, target);
    pairs.push({ ceiling: ceilingRun, measured, ratio: measured.rps / ceilingRun.rps });
  }
  const ratios = pairs.map((pair) => pair.ratio);
  const median = [...pairs].sort((a, b) => a.ratio - b.ratio)[Math.floor((pairs.length - 1) / 2)]!;
  return { ceiling: median.ceiling, measured: median.measured, ratios };
};
const results: RowResult[] = [];
const limits: LimitResult[] = [];
let exitCode = 0;
try {
  // Every target answers as expected, then runs a little so its code and pages are warm.
  const selected = ROWS.filter(isIn);
  const toCheck: [string, string, Target][] = [
    ...Object.values(ceilings).map((c) => [c.name, c.base, c.target] as [string, string, Target]),
    ...selected.map(
      (id) => [rows[id].name, server.url, rows[id].target] as [string, string, Target],
    ),
    ...(isIn('contention')
      ? slowLoads
          .filter((s) => !s.target.path.includes('export'))
          .map((s) => [s.name, server.url, s.target] as [string, string, Target])
      : []),
  ];
  for (const [name, base, target] of toCheck) {
    const ms = await check(base, name, target);
    log(`  ok ${name} (${ms.toFixed(0)} ms)`);
    if (warmup > 0) await run(base, target, warmup);
  }
  const rssAfterWarmUp = server.rssMb();

  const bareFirst = await run(bare.url, ceilings.bare.target);
  /** Not rows of the table: the app's cheapest JSON against bare node:http, the staff shell against `/`. */
  const references: RowResult[] = [];
  for (const id of selected) {
    const row = rows[id];
    const ceiling = ceilings[row.ceiling];
    const { ceiling: ceilingRun, measured, ratios } = await paired(ceiling, server.url, row.target);
    if (rounds > 1) log(`  ${row.name}: razones ${ratios.map((r) => r.toFixed(2)).join(', ')}`);
    results.push({
      name: row.name,
      measured,
      ceilingName: ceiling.name,
      ceiling: ceilingRun,
      goal: row.goal,
    });
    log(`  ${row.name}: ${measured.rps.toFixed(1)} req/s (techo ${ceilingRun.rps.toFixed(1)})`);
    if (row.ceiling === 'json') {
      references.push({
        name: ceiling.name,
        measured: ceilingRun,
        ceilingName: ceilings.bare.name,
        ceiling: bareFirst,
        goal: null,
      });
    }
  }

  // What a staff page costs at least, beside `/`, once per run that measured a staff page: a
  // staff row's goal above this ratio asks the page to cost less than the shell it sits in.
  if (selected.some((id) => rows[id].isStaffPage)) {
    const { ceiling: homeRun, measured: shellRun } = await paired(
      ceilings.home,
      ceilings.staffShell.base,
      ceilings.staffShell.target,
    );
    references.push({
      name: ceilings.staffShell.name,
      measured: shellRun,
      ceilingName: ceilings.home.name,
      ceiling: homeRun,
      goal: null,
    });
  }

  if (isIn('contention')) {
    const queue = rows.queue.target;
    const alone = await run(server.url, queue);
    log(`  cola sola: p95 ${alone.p95.toFixed(0)} ms`);
    for (const slow of slowLoads) {
      const client = slowClient(server.url, slow.target);
      await sleep(1000);
      const loaded = await measure(server.url, queue, { connections, seconds });
      const done = await client.stop();
      await settle();
      // A slow request refused (403, 500) loaded nothing, and a queue that got no answer at all
      // has no p95: both fail.
      const increase =
        done.refused > 0 || loaded.answers === 0
          ? Number.POSITIVE_INFINITY
          : (loaded.p95 / alone.p95 - 1) * 100;
      const queueSaid =
        loaded.answers === 0
          ? `la cola no recibió ninguna respuesta en ${seconds} s`
          : `p95 ${alone.p95.toFixed(0)} → ${loaded.p95.toFixed(0)} ms, ${alone.rps.toFixed(1)} → ${loaded.rps.toFixed(1)} req/s`;
      const slowSaid = `${done.completed} terminadas${done.meanMs === null ? '' : ` (${done.meanMs.toFixed(0)} ms de media)`}, la última cortada a los ${done.inFlightMs.toFixed(0)} ms${done.refused ? `, ${done.refused} rechazadas` : ''}`;
      limits.push({
        name: `p95 de la cola con ${slow.name}`,
        value: increase,
        unit: '%',
        limit: CONTENTION_LIMIT_PERCENT,
        detail: `${queueSaid}; ${slowSaid}`,
      });
      log(`  ${limits.at(-1)!.name}: +${increase.toFixed(0)} %`);
    }
  }

  for (const [name, target] of [
    ['peso HTML de /', ceilings.home.target],
    ['peso HTML de /consulta/… (caso del peticionario)', rows['portal-case'].target],
  ] as const) {
    const page = await requestOnce(server.url, target);
    limits.push({ name, value: page.bytes / 1024, unit: 'KB', limit: PAGE_LIMIT_KB });
  }

  await sleep(2000);
  const rssAfter = server.rssMb();
  limits.unshift({
    name: 'RSS del servidor tras las corridas',
    value: rssAfter,
    unit: 'MB',
    limit: MEMORY_LIMIT_MB,
    detail: `pico ${peakRss.toFixed(0)} MB; ${rssAfterWarmUp.toFixed(0)} MB tras el calentamiento`,
  });

  const bareLast = await run(bare.url, ceilings.bare.target);
  const table = [
    ...formatRows([...results, ...references]),
    `techo node:http: ${bareFirst.rps.toFixed(0)} req/s al empezar, ${bareLast.rps.toFixed(0)} al terminar`,
    '',
    ...formatLimits(limits),
  ];
  log(`\n${table.join('\n')}`);
  if (!allPass(results, limits)) exitCode = 1;

  const name = pgUrl ? 'bench-http.postgres.json' : 'bench-http.json';
  const out = path.join(process.cwd(), 'bench-results', name);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(
    out,
    `${JSON.stringify(
      {
        at: now.toISOString(),
        db: where,
        engine: pgUrl ? 'postgres' : 'sqlite',
        cases: casesBefore,
        connections,
        seconds,
        agent,
        supervisor,
        oldCase,
        rows: results,
        references,
        bare: [bareFirst, bareLast],
        limits,
      },
      null,
      2,
    )}\n`,
  );
  log(`\nResultados: ${out}`);
} finally {
  clearInterval(sampler);
  await server.stop();
  bare.stop();
  if (args.profile) {
    fs.writeFileSync(path.join(args.profile, 'windows.json'), JSON.stringify(windows, null, 2));
    log(`Perfil de CPU en ${args.profile} (npx tsx scripts/bench-http/profile.ts ${args.profile})`);
  }
  await closeTheBooks();
}
process.exitCode = exitCode;
