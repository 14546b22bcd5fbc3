/**
 * A filing killed between writing its file and committing its case leaves an orphan on disk; the
 * sweep removes it once it is older than the grace period, and never touches a file a case holds.
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { Conn } from '@/db/client';
import { attachments, cases } from '@/db/tables';
import { SYSTEM_ACTOR } from '../core/actor';
import { makeCtx } from '../core/context';
import { checkUploads, storeUploads } from '../cases/uploads';
import { countRows, fileCase } from '../testing/fixtures';
import { holdCaseWrites } from '../testing/engine-sql';
import { databaseTarget, openTestDb } from '../testing/test-db';
import { ORPHAN_GRACE_MS, sweepOrphanFiles } from './orphan-files';

const WORKER = path.join(import.meta.dirname, '..', 'testing', 'filing-worker.ts');
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n%%EOF\n');

let db: Conn;
let cleanup: () => Promise<void>;
let dir: string;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ventanilla-orphans-'));
  vi.stubEnv('UPLOAD_DIR', dir);
  ({ db, cleanup } = await openTestDb());
});
afterEach(async () => {
  await cleanup();
  vi.unstubAllEnvs();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Starts a filing in another process while this one holds case writes back, and kills it once its file is on disk. */
async function killFilingAfterItsFileIsWritten(): Promise<string[]> {
  const release = await holdCaseWrites(db);
  const child = fork(WORKER, [databaseTarget(db)], {
    env: { ...process.env, UPLOAD_DIR: dir },
    execArgv: ['--conditions=react-server', '--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const before = fs.readdirSync(dir).length;
  try {
    for (let waited = 0; fs.readdirSync(dir).length === before; waited += 50) {
      if (waited > 20_000) throw new Error('the filing never wrote its file');
      await sleep(50);
    }
    child.kill('SIGKILL');
    await exited;
  } finally {
    await release();
  }
  return fs.readdirSync(dir);
}

it('a killed filing leaves no orphan file after the sweep; files of committed cases stay', async () => {
  const kept = await fileCase(db);
  const { stored } = storeUploads(await checkUploads([{ name: 'recibo.pdf', bytes: PDF }]));
  await db.insert(attachments).values({ caseId: kept.id, ...stored[0]!, visibility: 'public' });

  const onDisk = await killFilingAfterItsFileIsWritten();
  expect(await countRows(db, cases)).toBe(1);
  expect(onDisk).toHaveLength(2);
  const orphan = onDisk.find((name) => name !== stored[0]!.storedName)!;

  // Young files may belong to a filing still on its way to commit: left alone.
  expect(await sweepOrphanFiles(makeCtx(db, SYSTEM_ACTOR, new Date()))).toEqual([]);
  const later = new Date(Date.now() + ORPHAN_GRACE_MS + 60_000);
  expect(await sweepOrphanFiles(makeCtx(db, SYSTEM_ACTOR, later))).toEqual([orphan]);
  expect(fs.readdirSync(dir)).toEqual([stored[0]!.storedName]);
}, 30_000);
