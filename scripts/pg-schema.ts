/** Writes db/pg/schema.ts, the PostgreSQL schema, from the SQLite one (db/pg/schema-source.ts). */
import fs from 'node:fs';
import path from 'node:path';
import { format, resolveConfig } from 'prettier';
import { renderPgSchema } from '@/db/pg/schema-source';

const file = path.join(process.cwd(), 'db', 'pg', 'schema.ts');
const text = await format(renderPgSchema(), { ...(await resolveConfig(file)), filepath: file });
fs.writeFileSync(file, text);
process.stdout.write(`written: ${path.relative(process.cwd(), file)}\n`);
