import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeDatabase, openDb, type Db } from '@/db/client';

/** A fresh, migrated SQLite file per test (STYLE.md rule 9: tests own their data). */
export function createTestDb(): { db: Db; file: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ventanilla-test-'));
  const file = path.join(dir, 'test.db');
  const db = openDb(file);
  return {
    db,
    file,
    cleanup: () => {
      closeDatabase(db);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
