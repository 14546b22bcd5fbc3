/**
 * A child process that files one case with one attachment against the test's database: the
 * orphan sweep's test kills it between writing the file and committing the case
 * (jobs/orphan-files.test.ts). Argument: the database (its SQLite file or its PostgreSQL URL; the
 * engine comes with the environment); the upload folder comes in the child's environment
 * (UPLOAD_DIR, read through lib/env.ts like the server's).
 */
import { SYSTEM_ACTOR } from '../core/actor';
import { makeCtx } from '../core/context';
import { createCase } from '../cases/create-case';
import { checkUploads, withStoredFiles } from '../cases/uploads';
import { validFiling } from './fixtures';
import { openConnection } from './test-db';

const [target] = process.argv.slice(2);
const { db } = await openConnection(target!);
const pdf = new TextEncoder().encode(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
const checked = await checkUploads([{ name: 'factura.pdf', bytes: pdf }]);
await withStoredFiles(checked, (stored) =>
  createCase(makeCtx(db, SYSTEM_ACTOR), validFiling(), { attachments: stored }),
);
process.send?.('filed');
