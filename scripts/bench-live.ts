/**
 * The live channel's capacity (issue 14 §4): starts the app's server (scripts/serve.mjs, on a
 * production build) on a fresh database, opens 200 server-sent-event connections as one agent,
 * measures the server's resident memory before and after, then puts one alert in the agent's bell
 * and times until every connection has it. Exits 1 when the 200 connections cost 50 MB or more.
 *   npm run build && npm run bench:live
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { encode } from 'next-auth/jwt';
import { closeDatabase, openDb } from '@/db/client';
import { notifications } from '@/db/schema';
import { insertStaff } from '@/lib/server/testing/fixtures';

const CONNECTIONS = 200;
const TARGET_MB = 50;
const PORT = Number(process.env.BENCH_LIVE_PORT ?? 3490);
const SECRET = 'bench-live-secret-0123456789abcdef';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

async function waitUntilUp(url: string): Promise<void> {
  for (let i = 0; i < 120; i += 1) {
    const ok = await fetch(url)
      .then((res) => res.ok)
      .catch(() => false);
    if (ok) return;
    await sleep(500);
  }
  throw new Error(`server did not start at ${url}`);
}

/** One SSE connection: resolves `ready` on its first bell, counts the bells after it. */
function connect(cookie: string) {
  let bells = 0;
  let ready!: () => void;
  const isReady = new Promise<void>((resolve) => (ready = resolve));
  const request = http.get(
    { host: '127.0.0.1', port: PORT, path: '/api/eventos', headers: { cookie } },
    (response) => {
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        for (const _ of chunk.matchAll(/^event: bell$/gm)) {
          bells += 1;
          if (bells === 1) ready();
        }
      });
    },
  );
  request.on('error', () => {});
  return { isReady, bells: () => bells, close: () => request.destroy() };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ventanilla-bench-live-'));
const file = path.join(dir, 'live.db');
const db = openDb(file);
const agent = insertStaff(db, { email: 'agente@bench.test', role: 'agent' });
const token = await encode({
  token: {
    sub: String(agent.id),
    uid: agent.id,
    role: 'agent',
    teamId: null,
    sid: randomUUID(),
    signedInAt: Date.now(),
  },
  secret: SECRET,
});
const cookie = `next-auth.session-token=${token}`;
const server = spawn(process.execPath, [path.join('scripts', 'serve.mjs')], {
  env: {
    ...process.env,
    PORT: String(PORT),
    DATABASE_PATH: file,
    NEXTAUTH_SECRET: SECRET,
    NEXTAUTH_URL: `http://localhost:${PORT}`,
    JOBS: 'off',
    MAIL_SENDER: 'off',
    NODE_ENV: 'production',
  },
  stdio: 'ignore',
});
try {
  await waitUntilUp(`http://127.0.0.1:${PORT}/ingresar`);
  // Warm the route once so the baseline holds its compiled code.
  const warm = connect(cookie);
  await warm.isReady;
  warm.close();
  await sleep(2000);
  const before = rssMb(server.pid!);
  const connections = Array.from({ length: CONNECTIONS }, () => connect(cookie));
  await Promise.all(connections.map((c) => c.isReady));
  await sleep(3000);
  const after = rssMb(server.pid!);

  const rang = Date.now();
  db.insert(notifications)
    .values({
      userId: agent.id,
      kind: 'team_queue',
      dedupeKey: `bench.${rang}`,
      createdAt: new Date(),
    })
    .run();
  while (connections.some((c) => c.bells() < 2) && Date.now() - rang < 10_000) await sleep(20);
  const fanOutMs = Date.now() - rang;
  const reached = connections.filter((c) => c.bells() >= 2).length;
  for (const c of connections) c.close();

  const result = {
    connections: CONNECTIONS,
    rssBeforeMb: Number(before.toFixed(1)),
    rssAfterMb: Number(after.toFixed(1)),
    growthMb: Number((after - before).toFixed(1)),
    targetMb: TARGET_MB,
    bellReached: reached,
    fanOutMs,
  };
  console.log(
    `live: ${CONNECTIONS} connections grew the server's RSS by ${result.growthMb} MB (${result.rssBeforeMb} → ${result.rssAfterMb}; target < ${TARGET_MB} MB); a new alert reached ${reached}/${CONNECTIONS} in ${fanOutMs} ms`,
  );
  fs.mkdirSync('bench-results', { recursive: true });
  fs.writeFileSync(path.join('bench-results', 'live.json'), JSON.stringify(result, null, 2));
  if (after - before >= TARGET_MB || reached < CONNECTIONS) process.exitCode = 1;
} finally {
  server.kill('SIGTERM');
  closeDatabase(db);
  fs.rmSync(dir, { recursive: true, force: true });
}
