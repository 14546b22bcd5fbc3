import type { TestProject } from 'vitest/node';
import { closePg, openPg } from '@/db/pg/client';
import { startPgServer } from './pg-server';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The migrated template database every PostgreSQL test database is cloned from. */
    pgTemplateUrl: string;
  }
}

/** The name of the template database (see openTestDb in test-db.ts). */
export const PG_TEMPLATE = 'ventanilla_template';

/**
 * The vitest `postgres` project's one PostgreSQL (vitest.config.ts): a throwaway cluster for the
 * whole run, with a template database migrated once; each test clones it (CREATE DATABASE …
 * TEMPLATE), which takes a few milliseconds instead of a migration's second.
 */
export default async function setup(project: TestProject) {
  const server = await startPgServer();
  const base = server.url.replace(/\/postgres$/, '');
  const created = await server.createDatabase();
  const admin = await openPg(server.url, { migrate: false });
  await admin.$client.query(`ALTER DATABASE ${created.split('/').pop()} RENAME TO ${PG_TEMPLATE}`);
  await closePg(admin);
  const template = `${base}/${PG_TEMPLATE}`;
  const migrated = await openPg(template);
  await closePg(migrated);
  project.provide('pgTemplateUrl', template);
  return () => server.stop();
}
