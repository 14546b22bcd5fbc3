import { openReader } from '@/db/client';
import fs from 'node:fs';
import path from 'node:path';
import { E2E_ENV } from './env';

/** Reads the e2e server's SQLite file directly, so journeys can check what was really stored. */
export function queryDb<T = Record<string, unknown>>(sql: string, ...params: unknown[]): T[] {
  const db = openReader(E2E_ENV.DATABASE_PATH);
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

export function caseByRadicado(radicado: string) {
  const [row] = queryDb<{
    id: number;
    state: string;
    type_code: string;
    is_anonymous: number;
    is_paused: number;
    due_date: string | null;
    reopen_count: number;
    customer_id: number | null;
    access_code_hash: string | null;
    description: string;
  }>('select * from cases where radicado = ?', radicado);
  if (!row) throw new Error(`no case ${radicado} in the e2e database`);
  return row;
}

export const countRows = (table: string) =>
  queryDb<{ n: number }>(`select count(*) as n from ${table}`)[0]!.n;

export function uploadedFiles(): string[] {
  const dir = path.join(path.dirname(E2E_ENV.DATABASE_PATH), 'uploads');
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
}
