import { defineConfig } from 'drizzle-kit';

/** PostgreSQL's migrations, from db/pg/schema.ts (itself written from the SQLite schema). */
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/pg/schema.ts',
  out: './db/pg/migrations',
  strict: true,
  verbose: false,
});
