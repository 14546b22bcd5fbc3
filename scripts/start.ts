/**
 * `npm start`: everything a fresh machine needs to show Ventanilla — a secret, a migrated database
 * with demo data when it is empty, a production build when the sources are newer than the last one —
 * and then the app's server (scripts/serve.mjs) on PORT (default 3000).
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { databasePath, openDb } from '@/db/client';
import { closePg } from '@/db/pg/client';
import { openPgOrExit, pgLocation } from '@/db/pg/connect';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@/db/seed/catalog';
import { ensureDemoData } from '@/db/seed';
import { ensurePgDemoData } from '@/db/seed/on-postgres';
import { env as readEnv, EnvError, type Env } from '@/lib/env';
import { appSecret } from '@/lib/server/core/app-secret';

const root = process.cwd();
if (fs.existsSync(path.join(root, '.env'))) process.loadEnvFile(path.join(root, '.env'));

/** Every variable is checked before anything starts: a wrong one stops here, named. */
function checkedEnv(): Env {
  try {
    return readEnv();
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
const config = checkedEnv();
const port = String(config.PORT);
const dbFile = databasePath();

function ensureSecret(): string {
  try {
    return appSecret();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}

function newestSourceMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    const mtime = entry.isDirectory() ? newestSourceMtime(full) : fs.statSync(full).mtimeMs;
    newest = Math.max(newest, mtime);
  }
  return newest;
}

function buildIfNeeded(env: NodeJS.ProcessEnv) {
  const buildId = path.join(root, '.next', 'BUILD_ID');
  const sources = ['app', 'lib', 'db', 'next.config.mjs', 'proxy.ts', 'package.json'].map((p) =>
    path.join(root, p),
  );
  const newest = Math.max(
    ...sources.map((p) =>
      fs.statSync(p).isDirectory() ? newestSourceMtime(p) : fs.statSync(p).mtimeMs,
    ),
  );
  if (fs.existsSync(buildId) && fs.statSync(buildId).mtimeMs > newest) return;
  console.log('▸ Building Ventanilla (next build)…');
  const result = spawnSync(path.join(root, 'node_modules', '.bin', 'next'), ['build'], {
    stdio: 'inherit',
    env,
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const env: NodeJS.ProcessEnv = {
  ...process.env,
  NEXTAUTH_SECRET: ensureSecret(),
  NEXTAUTH_URL: config.NEXTAUTH_URL ?? `http://localhost:${port}`,
  DATABASE_PATH: dbFile,
  NEXT_TELEMETRY_DISABLED: '1',
};

/** Checks, migrates and (on an empty one, with SEED_DEMO) seeds the database the app will use. */
async function prepareDatabase(): Promise<boolean> {
  if (config.DATABASE_URL) {
    console.log(`▸ Database: PostgreSQL at ${pgLocation(config.DATABASE_URL)}`);
    const pg = await openPgOrExit(config.DATABASE_URL);
    try {
      return config.SEED_DEMO ? await ensurePgDemoData(pg) : false;
    } finally {
      await closePg(pg);
    }
  }
  console.log(`▸ Database: ${dbFile}`);
  const db = openDb(dbFile);
  try {
    return config.SEED_DEMO ? Boolean(await ensureDemoData(db, new Date())) : false;
  } finally {
    db.$client.close();
  }
}
const seeded = await prepareDatabase();
if (seeded) console.log('▸ Demo data loaded.');

buildIfNeeded(env);

console.log(
  `\n▸ Ventanilla: http://localhost:${port}\n  Staff sign-in: http://localhost:${port}/ingresar`,
);
if (config.SEED_DEMO) {
  console.log(`  Demo accounts (password: ${DEMO_PASSWORD})`);
  for (const account of DEMO_ACCOUNTS)
    console.log(`   - ${account.email.padEnd(32)} ${account.role}`);
}
console.log('');

const server = spawn(process.execPath, [path.join(root, 'scripts', 'serve.mjs')], {
  stdio: 'inherit',
  env: { ...env, PORT: port },
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
