import type Database from 'better-sqlite3';

/** Distinct SQL texts kept per connection (queries with `IN (?, ?, …)` lists vary by length). */
export const STATEMENT_CACHE_SIZE = 500;

/**
 * Makes a connection's `prepare` reuse its statements by SQL text (issue 15 §5): drizzle prepares
 * every query it runs, and SQLite compiling the same text again costs more than running it (a
 * third of the intake's statements' time). Reuse is safe because a statement runs synchronously:
 * each caller gets it back in its default modes (no raw, pluck or expand left by the one before),
 * and one still busy (an `iterate()` not yet finished) is never handed out again; a fresh statement
 * is prepared instead. The least recently used text is forgotten beyond STATEMENT_CACHE_SIZE.
 */
export function cacheStatements(sqlite: Database.Database): void {
  const prepare = sqlite.prepare.bind(sqlite);
  const cache = new Map<string, Database.Statement>();
  const cached = (source: string): Database.Statement => {
    const found = cache.get(source);
    if (found && !found.busy) {
      cache.delete(source);
      cache.set(source, found);
      if (found.reader) found.pluck(false).expand(false).raw(false);
      return found;
    }
    const statement = prepare(source);
    if (found) return statement;
    cache.set(source, statement);
    if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    return statement;
  };
  sqlite.prepare = cached as Database.Database['prepare'];
}
