import { inject } from 'vitest';

// The `postgres` project's tests run on PostgreSQL: db/tables.ts reads DATABASE_URL when a test
// file first imports it, after this file has run (vitest.config.ts setupFiles).
process.env.DATABASE_URL = inject('pgTemplateUrl');
