import fs from 'node:fs';
import path from 'node:path';
import { format, resolveConfig } from 'prettier';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '@/lib/server/testing/test-db';
import { startPgServer, type TestPgServer } from '@/lib/server/testing/pg-server';
import { pgCatalog, sqliteCatalog } from './catalog';
import { closePg, openPg, PG_MIGRATIONS_DIR } from './client';
import { renderPgSchema } from './schema-source';

describe('the PostgreSQL schema', () => {
  let server: TestPgServer;
  beforeAll(async () => {
    server = await startPgServer();
  }, 60_000);
  afterAll(() => server?.stop());

  it('is what the SQLite schema renders today (run npm run db:pg-schema when this fails)', async () => {
    const file = path.join(process.cwd(), 'db', 'pg', 'schema.ts');
    const expected = await format(renderPgSchema(), {
      ...(await resolveConfig(file)),
      filepath: file,
    });
    expect(fs.readFileSync(file, 'utf8')).toBe(expected);
  });

  it('migrates an empty database to the same tables, columns, keys and indexes as SQLite', async () => {
    const lite = createTestDb();
    const pg = await openPg(await server.createDatabase());
    try {
      const expected = sqliteCatalog(lite.db.$client);
      const actual = await pgCatalog(pg.$client);
      expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
      for (const table of Object.keys(expected))
        expect([table, actual[table]]).toEqual([table, expected[table]]);
    } finally {
      lite.cleanup();
      await closePg(pg);
    }
  });

  it('migrates again without a change (a restarted instance finds its schema current)', async () => {
    const url = await server.createDatabase();
    await closePg(await openPg(url));
    const again = await openPg(url);
    try {
      const applied = await again.$client.query(
        'SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations',
      );
      expect(applied.rows[0].n).toBe(
        fs.readdirSync(PG_MIGRATIONS_DIR).filter((f) => f.endsWith('.sql')).length,
      );
    } finally {
      await closePg(again);
    }
  });
});
