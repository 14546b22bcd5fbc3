/**
 * Lighthouse (12.x) on the pages users feel most, with Debian's chromium, mobile settings
 * (Lighthouse's default: a mid-range phone on a slow 4G link):
 *   npm run build && npm run lighthouse
 * It seeds the demo into its own database file, serves the production build on its own port,
 * signs in as a demo supervisor (a session cookie, as the e2e fixtures do) and prints each page's
 * performance and accessibility scores beside the targets of issue 17 §7. CHROME_PATH picks
 * another browser. Exits 0 whatever the scores: it measures, the closing note reports.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { openDb } from '@/db/client';
import { startAppServer, staffSessionCookie } from './bench-support/app-server';
import type { Staff } from './bench-support/scale-db';

const PORT = Number(process.env.LIGHTHOUSE_PORT ?? 3400);
const BASE = `http://localhost:${PORT}`;
const DIR = path.join(process.cwd(), '.lighthouse');
const ENV = {
  ...process.env,
  PORT: String(PORT),
  DATABASE_PATH: path.join(DIR, 'demo.db'),
  NEXTAUTH_SECRET: 'lighthouse-only-secret-0123456789abcdef',
  NEXTAUTH_URL: BASE,
  NEXT_TELEMETRY_DISABLED: '1',
  JOBS: 'off',
};
/** The pages and their performance targets (issue 17 §7); accessibility is 100 everywhere. */
const PAGES = [
  { path: '/', staff: false, target: 95 },
  { path: '/radicar', staff: false, target: 95 },
  { path: '/consulta', staff: false, target: 95 },
  { path: '/casos', staff: true, target: 90 },
  { path: '/tablero', staff: true, target: 90 },
];

function run(args: string[]) {
  const done = spawnSync(process.execPath, args, { env: ENV, stdio: 'inherit' });
  if (done.status !== 0) throw new Error(`failed: ${args.join(' ')}`);
}

/** The demo's first supervisor, signed in as the benchmarks sign in (a minted session). */
function supervisorCookie(): Promise<string> {
  const db = openDb(ENV.DATABASE_PATH);
  const staff = db.$client
    .prepare(
      "SELECT id, role, team_id AS teamId FROM staff_users WHERE role = 'supervisor' AND is_active = 1 ORDER BY id LIMIT 1",
    )
    .get() as Staff;
  db.$client.close();
  return staffSessionCookie(staff, ENV.NEXTAUTH_SECRET);
}

async function main() {
  if (!fs.existsSync(path.join('.next', 'BUILD_ID'))) {
    process.stderr.write('lighthouse: build first (npm run build)\n');
    process.exit(2);
  }
  fs.rmSync(DIR, { recursive: true, force: true });
  fs.mkdirSync(DIR, { recursive: true });
  const tsx = path.join('node_modules', 'tsx', 'dist', 'cli.mjs');
  run([tsx, '--conditions=react-server', 'scripts/migrate.ts']);
  run([tsx, '--conditions=react-server', 'scripts/seed.ts']);
  const server = await startAppServer({
    port: PORT,
    databasePath: ENV.DATABASE_PATH,
    secret: ENV.NEXTAUTH_SECRET,
  });
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'],
  });
  try {
    const cookie = await supervisorCookie();
    const rows: string[][] = [];
    for (const page of PAGES) {
      // A first visit warms the server's caches; the second one is measured.
      const options = {
        port: chrome.port,
        output: 'json' as const,
        logLevel: 'error' as const,
        onlyCategories: ['performance', 'accessibility'],
        extraHeaders: page.staff ? { Cookie: cookie } : undefined,
      };
      await lighthouse(`${server.url}${page.path}`, options);
      const result = await lighthouse(`${server.url}${page.path}`, options);
      const lhr = result!.lhr;
      const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
      const performance = score('performance');
      const accessibility = score('accessibility');
      rows.push([
        page.path,
        String(performance),
        `≥ ${page.target} ${performance >= page.target ? 'PASS' : 'MISS'}`,
        String(accessibility),
        accessibility === 100 ? 'PASS' : 'MISS',
        `${Math.round(lhr.audits['total-blocking-time']?.numericValue ?? 0)} ms`,
        `${((lhr.audits['largest-contentful-paint']?.numericValue ?? 0) / 1000).toFixed(1)} s`,
      ]);
    }
    const header = ['page', 'performance', 'target', 'accessibility', '= 100', 'TBT', 'LCP'];
    process.stdout.write(`| ${header.join(' | ')} |\n|${header.map(() => '---').join('|')}|\n`);
    for (const row of rows) process.stdout.write(`| ${row.join(' | ')} |\n`);
  } finally {
    chrome.kill();
    await server.stop();
  }
}

await main();
