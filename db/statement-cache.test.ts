import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDb, type Db } from './client';
import { teams } from './schema';
import { STATEMENT_CACHE_SIZE } from './statement-cache';

let dir: string;
let db: Db;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ventanilla-statements-'));
  db = openDb(path.join(dir, 'test.db'));
});
afterEach(() => {
  closeDatabase(db);
  fs.rmSync(dir, { recursive: true, force: true });
});

const addTeam = (name: string) => db.insert(teams).values({ name }).returning().get();

describe('the connection reuses its statements', () => {
  it('prepares a SQL text once and hands the same statement back', () => {
    const sql = 'SELECT count(*) AS n FROM teams';
    const first = db.$client.prepare(sql);
    expect(db.$client.prepare(sql)).toBe(first);
    expect(db.$client.prepare(`${sql} WHERE id > 0`)).not.toBe(first);
  });

  it('gives each caller the statement in its default modes', () => {
    addTeam('Facturación');
    const sql = 'SELECT id, name FROM teams';
    expect(db.$client.prepare(sql).pluck().get()).toBe(1);
    expect(db.$client.prepare(sql).get()).toEqual({ id: 1, name: 'Facturación' });
    expect(db.$client.prepare(sql).raw().get()).toEqual([1, 'Facturación']);
    expect(db.$client.prepare(sql).get()).toEqual({ id: 1, name: 'Facturación' });
  });

  it('never hands out a statement still iterating', () => {
    addTeam('A');
    addTeam('B');
    const sql = 'SELECT name FROM teams ORDER BY id';
    const names: string[] = [];
    for (const row of db.$client.prepare(sql).iterate() as Iterable<{ name: string }>) {
      // The same text while the first is mid-way: a statement of its own, not the busy one.
      names.push(
        row.name,
        ...(db.$client.prepare(sql).all() as { name: string }[]).map((r) => r.name),
      );
    }
    expect(names).toEqual(['A', 'A', 'B', 'B', 'A', 'B']);
  });

  it('forgets the least recently used text beyond its size', () => {
    const first = db.$client.prepare('SELECT 0');
    for (let i = 1; i <= STATEMENT_CACHE_SIZE; i++) db.$client.prepare(`SELECT ${i}`);
    expect(db.$client.prepare('SELECT 0')).not.toBe(first);
  });

  it('keeps drizzle queries and transactions working: a rollback leaves nothing', () => {
    const read = () => db.select().from(teams).where(eq(teams.name, 'Calidad')).get();
    expect(() =>
      db.transaction((tx) => {
        tx.insert(teams).values({ name: 'Calidad' }).run();
        expect(read()?.name).toBe('Calidad');
        throw new Error('rollback');
      }),
    ).toThrow('rollback');
    expect(read()).toBeUndefined();
    addTeam('Calidad');
    expect(read()?.name).toBe('Calidad');
  });
});
