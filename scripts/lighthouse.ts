/**
 * Lighthouse (12.x) on the pages users feel most, with Debian's chromium, mobile settings
 * (Lighthouse's default: a mid-range phone on a slow 4G link):
 *   npm run build && npm run lighthouse
 * It seeds the demo into its own database file, serves the production build on its own port,
 * signs in as a demo supervisor (a session cookie, as the e2e fixtures do) and prints each page's
 * performance and accessibility scores beside the targets of issue 17 §7. CHROME_PATH picks
 * another browser. Exits 0 whatever the scores: it measures, the closing note reports.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { encode } from 'next-auth/jwt';
import { openDb } from '@/db/client';

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

async function waitUp(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 120; i++) {
    if (child.exitCode !== null) throw new Error('the server stopped');
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not answer`);
}

/** A signed session for the demo's first supervisor (next-auth's own cookie format). */
async function supervisorCookie(): Promise<string> {
  const db = openDb(ENV.DATABASE_PATH);
  const user = db.$client
    .prepare(
      "SELECT id, name, email, role, team_id AS teamId FROM staff_users WHERE role = 'supervisor' AND is_active = 1 ORDER BY id LIMIT 1",
    )
    .get() as {
    id: number;
    name: string;
    email: string;
    role: 'supervisor';
    teamId: number | null;
  };
  db.$client.close();
  const token = await encode({
    token: {
      sub: String(user.id),
      name: user.name,
      email: user.email,
      uid: user.id,
      role: user.role,
      teamId: user.teamId,
      sid: 'lighthouse',
      signedInAt: Date.now(),
    },
    secret: ENV.NEXTAUTH_SECRET,
  });
  return `next-auth.session-token=${token}`;
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
  const server = spawn(process.execPath, ['scripts/serve.mjs'], { env: ENV, stdio: 'ignore' });
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'],
  });
  try {
    await waitUp(`${BASE}/ingresar`, server);
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
      await lighthouse(`${BASE}${page.path}`, options);
      const result = await lighthouse(`${BASE}${page.path}`, options);
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
    server.kill();
  }
}

await main();
