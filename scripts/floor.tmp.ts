import { openDb, closeDatabase } from '@/db/client';
import { staffSessionCookie, startAppServer } from './bench-support/app-server';
import { pickActors } from './bench-support/scale-db';
import { measure, requestOnce } from './bench-http/load';
const SECRET = 'bench-http-secret-0123456789abcdef';
process.env.NEXTAUTH_SECRET = SECRET;
const file = '/tmp/ventanilla-bench.db';
const db = openDb(file);
const { agent } = pickActors(db);
closeDatabase(db);
import fs from 'node:fs';
const profileDir = process.env.PROF;
const server = await startAppServer({ port: 3500, databasePath: file, secret: SECRET, profileDir });
const windows: { path: string; from: number; to: number; answers: number }[] = [];
const us = () => Number(process.hrtime.bigint() / 1000n);
const cookie = await staffSessionCookie(agent, SECRET);
const paths: [string, string, number][] = [
  ['/', '', 200], ['/avisos/preferencias', cookie, 200], ['/', '', 200],
];
for (const [p, c, status] of paths) {
  await measure(server.url, { path: p, headers: { cookie: c }, status }, { connections: 16, seconds: 2 });
  const from = us();
  const m = await measure(server.url, { path: p, headers: { cookie: c }, status }, { connections: 16, seconds: 8 });
  windows.push({ path: p, from, to: us(), answers: m.answers });
  console.log(p.padEnd(24), m.rps.toFixed(1), 'req/s', 'p95', m.p95.toFixed(0), 'fail', m.failures);
}
await server.stop();
if (profileDir) fs.writeFileSync(`${profileDir}/windows.json`, JSON.stringify(windows));
