import { env } from '@/lib/env';

/** The database engines Ventanilla runs on: the embedded SQLite file, or a shared PostgreSQL. */
export type Engine = 'sqlite' | 'postgres';

/**
 * The engine this process serves from: PostgreSQL when DATABASE_URL is set (lib/env.ts checks its
 * form; a blank value is unset), the SQLite file otherwise. Read as the process starts, before
 * any table is used (db/tables.ts).
 */
export function engineInUse(): Engine {
  return env().DATABASE_URL ? 'postgres' : 'sqlite';
}

/** The engine a database location names: a `postgres://` URL, or else a SQLite file's path. */
export function engineAt(location: string): Engine {
  return /^postgres(ql)?:\/\//.test(location) ? 'postgres' : 'sqlite';
}
