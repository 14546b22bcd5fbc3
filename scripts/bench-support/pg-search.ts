/**
 * `npm run bench` with DATABASE_URL: case search's statements on the 1M-case copy of the bench
 * database (npm run db:copy) beside the same work on SQLite, in one process: the newest 201
 * matches, the strong tier among them, and the snippets of a page of 25. (A process's verbs use
 * its one engine's tables, db/tables.ts; `npm run bench:http` with DATABASE_URL measures the app
 * itself on PostgreSQL.) A radicado is a full-text word here; the app looks it up by its key.
 */
import type { Db } from '@/db/client';
import { closePg, openPg } from '@/db/pg/client';
import * as pgSearch from '@/db/pg/search';
import * as liteSearch from '@/db/sql/search';
import { asTerm } from '@/lib/server/cases/search-words';

const RUNS = 15;
const MARKS = { open: '«', close: '»', ellipsis: '…', tokens: 12 };

async function median(run: () => Promise<unknown> | unknown): Promise<number> {
  for (let i = 0; i < 2; i += 1) await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

/** The FTS5 query SQLite's search builds for plain words: each a prefix term. */
const ftsQuery = (words: string[]) =>
  words.map((text) => asTerm({ text, isPrefix: true })).join(' ');

export async function benchPgSearch(lite: Db, url: string, log: (line: string) => void) {
  const pg = await openPg(url, { migrate: false });
  try {
    const cases = await pg.$client.query<{ n: string }>('SELECT count(*) AS n FROM cases');
    log(`PostgreSQL: ${cases.rows[0]?.n} casos; SQLite: el mismo banco de pruebas.`);
    const radicado = (
      lite.$client.prepare('SELECT radicado FROM cases ORDER BY id DESC LIMIT 1').get() as {
        radicado: string;
      }
    ).radicado;
    const rows: { q: string; sqliteMs: number; pgMs: number; ratio: number }[] = [];
    for (const q of [radicado, 'factura', 'Gómez']) {
      const words = [q];
      const sqliteMs = await median(async () => {
        const match = ftsQuery(words);
        const newest = await liteSearch.newestMatches(lite, match, undefined, 201);
        const from = newest.at(-1);
        await liteSearch.newestMatches(lite, match, undefined, 25, {
          columns: 'strong',
          fromId: from,
        });
        return await liteSearch.highlightPage(lite, newest.slice(0, 25), match, MARKS);
      });
      const pgMs = await median(async () => {
        const newest = await pgSearch.newestMatches(pg.$client, words, 201);
        // The strong tier as the app reads it there: the window's own cases, by primary key.
        await pgSearch.matchesAmong(pg.$client, newest, words, 'strong', 25);
        return pgSearch.highlightPage(pg.$client, newest.slice(0, 25), words, MARKS);
      });
      rows.push({ q, sqliteMs, pgMs, ratio: pgMs / sqliteMs });
      log(
        `búsqueda "${q}": SQLite ${sqliteMs.toFixed(1)} ms, PostgreSQL ${pgMs.toFixed(1)} ms (${(pgMs / sqliteMs).toFixed(2)}×)`,
      );
    }
    return rows;
  } finally {
    await closePg(pg);
  }
}
