/**
 * Seeds the configured database (DATABASE_PATH, default data/ventanilla.db):
 *   npm run db:seed                          demo data (~400 cases) if the database has no cases
 *   npm run db:seed -- --reset               delete the database first, then seed the demo
 *   npm run db:seed -- --cases 1000000       benchmark data: one million cases (empty database)
 *   npm run db:seed -- --seed 42             another deterministic variant
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { databasePath, openDb, type Db } from '@/db/client';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@/db/seed/catalog';
import { seedDemo } from '@/db/seed/demo';
import { seedScale } from '@/db/seed/scale';

const USAGE =
  'uso: npm run db:seed -- [--reset] [--cases <número>] [--seed <número>]\n' +
  '  sin --cases: datos de demostración (solo si la base no tiene casos)\n' +
  '  --cases N: N casos para pruebas de rendimiento (base vacía, o con --reset)\n';
const MAX_CASES = 20_000_000;

function fail(message: string, code: number): never {
  process.stderr.write(`db:seed: ${message}\n`);
  if (code === 2) process.stderr.write(USAGE);
  process.exit(code);
}

function parseCount(
  text: string | undefined,
  name: string,
  min: number,
  max: number,
): number | undefined {
  if (text === undefined) return undefined;
  const normalized = text.replaceAll('_', '');
  if (!/^\d+$/.test(normalized) || Number(normalized) < min || Number(normalized) > max) {
    fail(`${name} debe ser un número entero entre ${min} y ${max} (recibido: "${text}")`, 2);
  }
  return Number(normalized);
}

function parseOptions() {
  try {
    const { values } = parseArgs({
      options: {
        reset: { type: 'boolean', default: false },
        cases: { type: 'string' },
        seed: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
    if (values.help) {
      process.stdout.write(USAGE);
      process.exit(0);
    }
    return {
      reset: values.reset,
      cases: parseCount(values.cases, '--cases', 1, MAX_CASES),
      seed: parseCount(values.seed, '--seed', 0, 4_294_967_295),
    };
  } catch (error) {
    fail((error as Error).message, 2);
  }
}

function countRows(db: Db, table: string): number {
  return (db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

const SUMMARY_TABLES = [
  'teams',
  'staff_users',
  'processes',
  'root_causes',
  'customers',
  'cases',
  'case_events',
  'case_pauses',
  'interactions',
  'promises',
  'result_ratings',
  'quality_ratings',
  'consents',
] as const;

function printSummary(db: Db, file: string, started: number) {
  const formatter = new Intl.NumberFormat('es-CO');
  process.stdout.write('\nFilas por tabla:\n');
  for (const table of SUMMARY_TABLES) {
    process.stdout.write(
      `  ${table.padEnd(16)} ${formatter.format(countRows(db, table)).padStart(12)}\n`,
    );
  }
  const size = fs.statSync(file).size / 1_048_576;
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(`\nBase de datos: ${file} (${size.toFixed(1)} MB)\n`);
  process.stdout.write(`Tiempo: ${seconds.toFixed(1)} s\n`);
  const emails = new Set(
    (
      db.$client.prepare('SELECT lower(email) AS email FROM staff_users').all() as {
        email: string;
      }[]
    ).map((row) => row.email),
  );
  if (DEMO_ACCOUNTS.every((account) => emails.has(account.email))) {
    process.stdout.write(`\nCuentas de demostración (contraseña: ${DEMO_PASSWORD}):\n`);
    for (const account of DEMO_ACCOUNTS) {
      process.stdout.write(
        `  ${account.email.padEnd(30)} ${account.role.padEnd(11)} ${account.name}\n`,
      );
    }
  }
}

async function main() {
  const options = parseOptions();
  const started = performance.now();
  const file = databasePath();
  if (options.reset) {
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
    process.stdout.write(`Base de datos borrada: ${file}\n`);
  }
  const db = openDb(file);
  const cases = countRows(db, 'cases');
  const now = new Date();
  let exitCode = 0;

  if (options.cases !== undefined) {
    if (cases > 0) {
      fail(
        `la base de datos ya tiene ${cases} casos; use --reset para empezar de una base vacía (${file})`,
        1,
      );
    }
    process.stdout.write(`Generando ${options.cases} casos en ${file}…\n`);
    try {
      await seedScale(db, {
        cases: options.cases,
        now,
        seed: options.seed,
        onProgress: (message) =>
          process.stdout.write(
            `  ${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s  ${message}\n`,
          ),
      });
    } catch (error) {
      fail((error as Error).message, 1);
    }
  } else {
    if (cases > 0) {
      process.stdout.write(
        `La base de datos ya tiene ${cases} casos: no se cargan datos de demostración (use --reset para empezar de nuevo).\n`,
      );
      db.$client.close();
      return;
    }
    if (countRows(db, 'staff_users') > 0 || countRows(db, 'organization') > 0) {
      fail(
        `la base de datos ya tiene usuarios o catálogo; el demo necesita una base vacía: use --reset (${file})`,
        1,
      );
    }
    process.stdout.write(`Cargando datos de demostración en ${file}…\n`);
    const summary = await seedDemo(db, { now, seed: options.seed });
    for (const failure of summary.failures) {
      process.stderr.write(
        `  paso rechazado (caso ${failure.planIndex}, ${failure.step}, ${failure.at}): ${failure.error}\n`,
      );
      exitCode = 1;
    }
  }
  // Fold the write-ahead log into the file, so its size is the data's size.
  db.$client.pragma('wal_checkpoint(TRUNCATE)');
  printSummary(db, file, started);
  db.$client.close();
  process.exitCode = exitCode;
}

await main();
