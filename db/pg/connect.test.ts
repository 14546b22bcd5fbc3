import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '@/lib/server/testing/imap-server';
import { PASSWORD, startPgServer, type TestPgServer } from '@/lib/server/testing/pg-server';
import { closePg, PG_MIGRATIONS_DIR } from './client';
import { DatabaseUnavailable, openConfiguredPg } from './connect';

const run = promisify(execFile);

/** Runs a script as an operator would, with DATABASE_URL set; its exit code and what it printed. */
async function script(name: string, url: string) {
  try {
    const { stdout, stderr } = await run(
      'npx',
      ['tsx', '--conditions=react-server', `scripts/${name}`],
      {
        env: { ...process.env, DATABASE_URL: url, NODE_ENV: 'test' as const },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

async function refusal(url: string): Promise<string> {
  const error = await openConfiguredPg(url).then(
    async (db) => {
      await closePg(db);
      return undefined;
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DatabaseUnavailable);
  const message = (error as Error).message;
  expect(message.split('\n')).toHaveLength(1);
  return message;
}

describe('DATABASE_URL at start-up', () => {
  let server: TestPgServer;
  let host: string;
  beforeAll(async () => {
    server = await startPgServer();
    host = new URL(server.url).host;
  }, 60_000);
  afterAll(() => server?.stop());

  it('migrates a reachable, empty database', async () => {
    const db = await openConfiguredPg(await server.createDatabase());
    try {
      const tables = await db.$client.query(
        `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'`,
      );
      expect(tables.rows[0].n).toBeGreaterThan(40);
    } finally {
      await closePg(db);
    }
  });

  it('lets several instances start on one new database at once: one migrates, all run', async () => {
    const url = await server.createDatabase();
    const dbs = await Promise.all([1, 2, 3, 4].map(() => openConfiguredPg(url)));
    try {
      const applied = await dbs[0]!.$client.query(
        'SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations',
      );
      const files = fs.readdirSync(PG_MIGRATIONS_DIR).filter((f) => f.endsWith('.sql'));
      expect(applied.rows[0].n).toBe(files.length);
    } finally {
      await Promise.all(dbs.map(closePg));
    }
  });

  it('says in one line when nothing answers at the host and port', async () => {
    const port = await freePort();
    const message = await refusal(`postgres://postgres:${PASSWORD}@127.0.0.1:${port}/ventanilla`);
    expect(message).toContain(`127.0.0.1:${port}/ventanilla does not answer`);
  });

  it('says the login was refused, without repeating the password', async () => {
    const message = await refusal(`postgres://postgres:not-the-password@${host}/postgres`);
    expect(message).toContain('refused user "postgres"');
    expect(message).not.toContain('not-the-password');
  });

  it('names a database that does not exist and how to create it', async () => {
    const message = await refusal(`postgres://postgres:${PASSWORD}@${host}/nadie`);
    expect(message).toContain('has no database "nadie": create it (createdb nadie)');
  });

  it('stops npm start and db:migrate with that one line and exit code 1, no stack', async () => {
    const bad = `postgres://postgres:wrong@${host}/postgres`;
    for (const name of ['start.ts', 'migrate.ts']) {
      const result = await script(name, bad);
      expect(result.code).toBe(1);
      expect(result.stderr.trim().split('\n')).toEqual([
        `PostgreSQL at ${host}/postgres refused user "postgres" (28P01): check the user and password in DATABASE_URL.`,
      ]);
    }
  });

  it('refuses a URL of another kind before connecting, naming the variable', async () => {
    const result = await script('migrate.ts', 'mysql://root@localhost/ventanilla');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'DATABASE_URL: expected postgres://user:password@host:5432/database',
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('migrates with db:migrate and says where', async () => {
    const url = await server.createDatabase();
    const result = await script('migrate.ts', url);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      `migrations applied: ${new URL(url).host}${new URL(url).pathname}`,
    );
  });
});
