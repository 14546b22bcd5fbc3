import { getTableName, is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as lite from './schema';

const liteTables = Object.entries(lite)
  .filter(([, value]) => is(value, SQLiteTable))
  .map(([name]) => name)
  .sort();

async function tablesWith(url: string | undefined) {
  vi.resetModules();
  vi.stubEnv('DATABASE_URL', url);
  return (await import('./tables')) as Record<string, unknown>;
}

describe('db/tables: the tables of the engine in use', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it('are SQLite’s, every one of them, without DATABASE_URL', async () => {
    const tables = await tablesWith(undefined);
    const exported = Object.keys(tables).filter((name) => is(tables[name], SQLiteTable));
    expect(exported.sort()).toEqual(liteTables);
    expect(liteTables.length).toBeGreaterThan(40);
  });

  it('are PostgreSQL’s, with the same names and SQL tables, when DATABASE_URL is set', async () => {
    const tables = await tablesWith('postgres://ventanilla@localhost:5432/ventanilla');
    const exported = Object.keys(tables).filter((name) => is(tables[name], PgTable));
    expect(exported.sort()).toEqual(liteTables);
    for (const name of liteTables) {
      expect([name, getTableName(tables[name] as PgTable)]).toEqual([
        name,
        getTableName((lite as unknown as Record<string, SQLiteTable>)[name]!),
      ]);
    }
  });
});
