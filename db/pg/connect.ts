import { closePg, migratePg, openPg, type PgDb } from './client';

/** PostgreSQL older than this lacks what the schema and its statements use. */
export const PG_MIN_MAJOR = 15;

/** Start-up could not use the configured PostgreSQL: the message is one line for the operator. */
export class DatabaseUnavailable extends Error {}

/**
 * Opens DATABASE_URL's database and applies its migrations, or throws `DatabaseUnavailable` with
 * one line that says what is wrong and what to do (never the password, never a stack): the host
 * does not answer, the login is refused, the database does not exist, the server is too old.
 */
export async function openConfiguredPg(url: string): Promise<PgDb> {
  const where = describe(url);
  let db: PgDb | undefined;
  try {
    db = await openPg(url, { migrate: false, connectTimeoutMs: 5000 });
    const version = await db.$client.query<{ v: string }>(`SHOW server_version_num`);
    const major = Math.floor(Number(version.rows[0]?.v) / 10_000);
    if (major < PG_MIN_MAJOR)
      throw new DatabaseUnavailable(
        `PostgreSQL ${major} at ${where} is too old: Ventanilla needs ${PG_MIN_MAJOR} or newer.`,
      );
    await migratePg(db);
    return db;
  } catch (error) {
    if (db) await closePg(db).catch(() => undefined);
    if (error instanceof DatabaseUnavailable) throw error;
    throw new DatabaseUnavailable(explain(error, where, url));
  }
}

function explain(error: unknown, where: string, url: string): string {
  const { code, message } = error as { code?: string; message?: string };
  const { user, database } = parts(url);
  switch (code) {
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
      return `PostgreSQL at ${where} does not answer (${code}): is the server running, and is DATABASE_URL's host and port right?`;
    case '28P01':
    case '28000':
      return `PostgreSQL at ${where} refused user "${user}" (${code}): check the user and password in DATABASE_URL.`;
    case '3D000':
      return `PostgreSQL at ${where} has no database "${database}": create it (createdb ${database}) or fix DATABASE_URL.`;
    case '42501':
      return `PostgreSQL at ${where}: user "${user}" may not create the tables (${code}); make it the database's owner (ALTER DATABASE ${parts(url).database} OWNER TO ${user}).`;
  }
  if (/timeout/i.test(message ?? ''))
    return `PostgreSQL at ${where} does not answer (timeout after 5 s): is the server running, and is DATABASE_URL's host and port right?`;
  return `PostgreSQL at ${where} could not be used: ${(message ?? String(error)).split('\n')[0]}`;
}

/** host:port/database, never the password. */
function describe(url: string): string {
  const { host, port, database } = parts(url);
  return `${host}:${port}/${database}`;
}

function parts(url: string) {
  // Never a parse error that would print the URL, password and all.
  const parsed = URL.canParse(url) ? new URL(url) : new URL('postgres://unparsable');
  return {
    host: parsed.hostname || 'localhost',
    port: parsed.port || '5432',
    user: decodeURIComponent(parsed.username) || 'postgres',
    database: decodeURIComponent(parsed.pathname.replace(/^\//, '')) || 'postgres',
  };
}

/**
 * Start-up's check of DATABASE_URL (`npm start`, the server's instrumentation): the database
 * opened and migrated, or one line and exit code 1 when it cannot be used.
 */
export async function openPgOrExit(url: string): Promise<PgDb> {
  try {
    return await openConfiguredPg(url);
  } catch (error) {
    if (!(error instanceof DatabaseUnavailable)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

/** Where DATABASE_URL points, for start-up's messages: host:port/database, never the password. */
export const pgLocation = describe;
