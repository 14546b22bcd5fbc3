import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { pgBinDir } from '@/db/pg/programs';
import { freePort } from './imap-server';

/**
 * A real PostgreSQL for the tests: a throwaway cluster of Debian's `postgresql` package (which
 * `.ci/run` installs) in a temporary folder, listening on 127.0.0.1 at a free port, trusting local
 * connections, with durability off (a test cluster dies with its folder). PostgreSQL refuses to
 * run as root, so as root the cluster runs as the package's `postgres` user.
 */
export interface TestPgServer {
  /** `postgres://…` of the cluster's maintenance database. */
  url: string;
  /** A new, empty database on the cluster; its URL. */
  createDatabase: () => Promise<string>;
  stop: () => void;
}

/** The password of the cluster's `postgres` user (TCP logins check it). */
export const PASSWORD = 'ventanilla-test';

export async function startPgServer(
  options: { settings?: string[]; port?: number } = {},
): Promise<TestPgServer> {
  const bin = pgBinDir();
  if (!bin) throw new Error('PostgreSQL 15+ is not installed: apt-get install postgresql');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ventanilla-pg-'));
  const data = path.join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) execFileSync('chown', ['postgres:postgres', dir]);
  const run = (program: string, args: string[]) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', path.join(bin, program), ...args], {
          stdio: 'pipe',
        })
      : execFileSync(path.join(bin, program), args, { stdio: 'pipe' });
  // Local sockets trust; TCP, which the app uses, checks the password as a real server does.
  const pwfile = path.join(dir, 'pw');
  fs.writeFileSync(pwfile, PASSWORD);
  if (asRoot) execFileSync('chown', ['postgres:postgres', pwfile]);
  run('initdb', [
    '-D',
    data,
    '-U',
    'postgres',
    `--pwfile=${pwfile}`,
    '--auth-local=trust',
    '--auth-host=scram-sha-256',
    '-E',
    'UTF8',
    '--no-sync',
  ]);
  const port = options.port ?? (await freePort());
  const settings = [
    `-p ${port}`,
    `-k ${dir}`,
    '-c listen_addresses=127.0.0.1',
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=200',
    ...(options.settings ?? []).map((setting) => `-c ${setting}`),
  ].join(' ');
  run('pg_ctl', ['start', '-D', data, '-w', '-l', path.join(dir, 'log'), '-o', settings]);
  const base = `postgres://postgres:${PASSWORD}@127.0.0.1:${port}`;
  const url = `${base}/postgres`;
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    process.off('exit', stop);
    try {
      run('pg_ctl', ['stop', '-D', data, '-m', 'immediate', '-w']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
  // A test file that ends without its afterAll (a crash, a timeout) still leaves no cluster behind.
  process.once('exit', stop);
  return {
    url,
    createDatabase: async () => {
      const name = `t_${randomBytes(6).toString('hex')}`;
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return `${base}/${name}`;
    },
    stop,
  };
}
