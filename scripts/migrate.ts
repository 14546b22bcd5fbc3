/** Applies pending migrations to the configured database (the app also does this on start). */
import { databasePath, openDb } from '@/db/client';

const file = databasePath();
openDb(file).$client.close();
process.stdout.write(`migrations applied: ${file}\n`);
