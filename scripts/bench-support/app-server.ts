/**
 * The app's production server for the HTTP benchmarks (`npm run bench:live`, `npm run bench:http`):
 * scripts/serve.mjs on a `next build`, on a given database, with background jobs and the mail
 * sender off; its resident memory read from /proc; a staff session cookie minted as next-auth
 * would after a sign-in (the server checks it against the database as for any session).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { mintSessionToken, SESSION_COOKIE } from '@/lib/server/auth/minted-session';
import type { Staff } from './scale-db';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A process's resident memory in MB. */
export function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

export async function waitUntilUp(url: string): Promise<void> {
  for (let i = 0; i < 120; i += 1) {
    const ok = await fetch(url)
      .then((res) => res.ok)
      .catch(() => false);
    if (ok) return;
    await sleep(500);
  }
  throw new Error(`server did not start at ${url}`);
}

/** The `Cookie` header of a signed-in staff member (http: the cookie name has no __Secure-). */
export async function staffSessionCookie(staff: Staff, secret: string): Promise<string> {
  return `${SESSION_COOKIE}=${await mintSessionToken(staff, secret)}`;
}

export interface AppServer {
  pid: number;
  /** `http://127.0.0.1:<port>` */
  url: string;
  rssMb: () => number;
  /** SIGTERM, resolved once the process has exited. */
  stop: () => Promise<void>;
}

/** Starts scripts/serve.mjs and resolves once `readyPath` answers 200. */
export async function startAppServer(options: {
  port: number;
  databasePath: string;
  secret: string;
  readyPath?: string;
  /** Where the server's output goes (default: nowhere). */
  output?: 'ignore' | 'inherit';
  /** Writes a V8 CPU profile of the server into this folder when it stops. */
  profileDir?: string;
}): Promise<AppServer> {
  const { port } = options;
  // (--cpu-prof is refused in NODE_OPTIONS: it goes on the command line)
  const profile = options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`] : [];
  const server = spawn(process.execPath, [...profile, path.join('scripts', 'serve.mjs')], {
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_PATH: options.databasePath,
      NEXTAUTH_SECRET: options.secret,
      NEXTAUTH_URL: `http://localhost:${port}`,
      JOBS: 'off',
      MAIL_SENDER: 'off',
      NODE_ENV: 'production',
    },
    stdio: ['ignore', options.output ?? 'ignore', options.output ?? 'ignore'],
  });
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (server.exitCode === null && server.signalCode === null) server.kill('SIGTERM');
    await exited;
  };
  const died = exited.then(() => {
    throw new Error(`the server exited before answering (port ${port} in use?)`);
  });
  died.catch(() => {}); // once up, its later exit is no error
  try {
    await Promise.race([waitUntilUp(`${url}${options.readyPath ?? '/ingresar'}`), died]);
  } catch (error) {
    await stop();
    throw error;
  }
  return { pid: server.pid!, url, rssMb: () => rssMb(server.pid!), stop };
}
