/**
 * The live channel's capacity (issue 14 §4): starts the app's server (scripts/serve.mjs, on a
 * production build) on a fresh database, opens 200 server-sent-event connections as one agent,
 * measures the server's resident memory before and after, then puts one alert in the agent's bell
 * and times until every connection has it. Exits 1 when the 200 connections cost 50 MB or more.
 *   npm run build && npm run bench:live
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { closeDatabase, openDb } from '@/db/client';
import { notifications } from '@/db/schema';
import { insertStaff } from '@/lib/server/testing/fixtures';
import { sleep, staffSessionCookie, startAppServer } from './bench-support/app-server';

const CONNECTIONS = 200;
const TARGET_MB = 50;
const PORT = Number(process.env.BENCH_LIVE_PORT ?? 3490);
const SECRET = 'bench-live-secret-0123456789abcdef';

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
const agent = await insertStaff(db, { email: 'agente@bench.test', role: 'agent' });
const cookie = await staffSessionCookie({ id: agent.id, role: 'agent', teamId: null }, SECRET);
const server = await startAppServer({ port: PORT, databasePath: file, secret: SECRET }).catch(
  (error: unknown) => {
    closeDatabase(db);
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  },
);
try {
  // Warm the route once so the baseline holds its compiled code.
  const warm = connect(cookie);
  await warm.isReady;
  warm.close();
  await sleep(2000);
  const before = server.rssMb();
  const connections = Array.from({ length: CONNECTIONS }, () => connect(cookie));
  await Promise.all(connections.map((c) => c.isReady));
  await sleep(3000);
  const after = server.rssMb();

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
  await server.stop();
  closeDatabase(db);
  fs.rmSync(dir, { recursive: true, force: true });
}
