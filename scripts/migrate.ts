/**
 * Applies pending migrations to the configured database (the app also does this on start): the
 * PostgreSQL database of DATABASE_URL when it is set, else the SQLite file.
 */
import { databasePath, openDb } from '@/db/client';
import { closePg } from '@/db/pg/client';
import { DatabaseUnavailable, openConfiguredPg } from '@/db/pg/connect';
import { env, EnvError } from '@/lib/env';

try {
  const url = env().DATABASE_URL;
  if (url) {
    await closePg(await openConfiguredPg(url));
    process.stdout.write(`migrations applied: ${new URL(url).host}${new URL(url).pathname}\n`);
  } else {
    const file = databasePath();
    openDb(file).$client.close();
    process.stdout.write(`migrations applied: ${file}\n`);
  }
} catch (error) {
  if (!(error instanceof DatabaseUnavailable || error instanceof EnvError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
