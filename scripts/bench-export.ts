/**
 * Memory check of the queue CSV export on the million-case database:
 *   npx tsx --conditions=react-server scripts/bench-export.ts [db file]
 * Streams the supervisor's whole "all" queue (every case) through exportCases, the function behind
 * GET /api/casos/export, reading the Response body to its end as a browser would, and samples the
 * process's memory after every chunk. The database is opened read-only. Exits 1 when the resident
 * memory grows by more than the budget: a streamed export must not hold the rows in memory.
 */
import { drizzle } from 'drizzle-orm/better-sqlite3';
import path from 'node:path';
import { openReader, type Db } from '@/db/client';
import * as schema from '@/db/schema';
import { exportCases } from '@/lib/server/cases/export-cases';
import { drillDownCsvText } from '@/lib/server/supervision/drill-down';
import { parseCaseQuery } from '@/lib/validation/case-query';
import { makeCtx } from '@/lib/server/core/context';

/**
 * Resident-memory growth allowed while streaming, whatever the number of rows. Measured: about
 * +140 MB, a garbage-collection sawtooth that is there after the first tenth of the rows and stays
 * flat to the end; holding the export in memory instead would take well over 1 GB.
 */
const RSS_BUDGET_MB = 200;
/** The second half of the rows may not need more memory than the first (a slow leak). */
const DRIFT_BUDGET_MB = 50;

const file = path.resolve(process.argv[2] ?? process.env.BENCH_DB ?? '/tmp/ventanilla-bench.db');
const mb = (bytes: number) => bytes / 1024 / 1024;
const log = (line: string) => process.stdout.write(`${line}\n`);

async function main() {
  const client = openReader(file);
  const db = drizzle(client, { schema }) as unknown as Db;
  const expected = (client.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n;
  const supervisor = client
    .prepare("SELECT id, team_id AS teamId FROM staff_users WHERE role = 'supervisor' LIMIT 1")
    .get() as { id: number; teamId: number | null };

  global.gc?.();
  const before = process.memoryUsage();
  let peakRss = before.rss;
  let peakHeap = before.heapUsed;
  const started = performance.now();

  const response = await exportCases(
    makeCtx(db, { role: 'supervisor', ...supervisor }),
    parseCaseQuery({ queue: 'all' }),
    { text: drillDownCsvText('es', 'America/Bogota'), filename: 'bench.csv' },
  );
  const reader = response.body!.getReader();
  let bytes = 0;
  let lineBreaks = 0;
  /** RSS at each tenth of the rows: flat when nothing accumulates. */
  const curve: number[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    for (let i = 0; i < value.length; i++) if (value[i] === 0x0a) lineBreaks++;
    const now = process.memoryUsage();
    if (lineBreaks >= ((curve.length + 1) * expected) / 10) curve.push(Math.round(mb(now.rss)));
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
  }
  const seconds = (performance.now() - started) / 1000;
  client.close();

  const rows = lineBreaks - 1; // the header's line break; subjects are single-line in the seed
  const growth = mb(peakRss - before.rss);
  log(`${file}: ${expected} casos`);
  log(`filas exportadas   ${rows}${rows === expected ? '' : `  (esperadas ${expected})`}`);
  log(`bytes              ${mb(bytes).toFixed(1)} MB`);
  log(`segundos           ${seconds.toFixed(1)}  (${Math.round(rows / seconds)} filas/s)`);
  log(
    `RSS                ${mb(before.rss).toFixed(0)} → pico ${mb(peakRss).toFixed(0)} MB (+${growth.toFixed(0)} MB)`,
  );
  log(
    `heap usado         ${mb(before.heapUsed).toFixed(0)} → pico ${mb(peakHeap).toFixed(0)} MB (+${mb(peakHeap - before.heapUsed).toFixed(0)} MB)`,
  );
  log(`RSS por décimo     ${curve.join(' · ')} MB`);
  const drift = Math.max(...curve.slice(5)) - Math.max(...curve.slice(0, 5));
  const isOk = growth <= RSS_BUDGET_MB && drift <= DRIFT_BUDGET_MB;
  log(
    `presupuesto        +${RSS_BUDGET_MB} MB, deriva ≤ ${DRIFT_BUDGET_MB} MB (deriva ${drift} MB): ${isOk ? 'ok' : 'EXCEDIDO'}`,
  );
  if (!isOk || rows !== expected) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`bench-export: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
