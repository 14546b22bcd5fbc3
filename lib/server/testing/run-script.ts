import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { Conn } from '@/db/client';
import { databaseEnv, openTestDb } from './test-db';

/**
 * Runs one of scripts/ (`npm run <name> -- …`) as an operator would, in a process of its own with
 * `env` over this one's, and gives back its exit status and output.
 */
export function runScript(
  name: string,
  args: string[],
  env: Record<string, string>,
): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(
    path.join(process.cwd(), 'node_modules', '.bin', 'tsx'),
    ['--conditions=react-server', path.join('scripts', `${name}.ts`), ...args],
    { encoding: 'utf8', env: { ...process.env, ...env } },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * A script's installation for one test file: a test database on the run's engine and a folder,
 * both removed after the file. `env()` is what the script needs to find them.
 */
export function scriptInstallation(name: string): {
  readonly dir: string;
  readonly db: Conn;
  env: () => Record<string, string>;
} {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `ventanilla-${name}-`));
  let opened: { db: Conn; cleanup: () => Promise<void> } | null = null;
  beforeAll(async () => {
    opened = await openTestDb();
  });
  afterAll(async () => {
    await opened?.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const db = () => {
    if (!opened) throw new Error('scriptInstallation: read it inside a test');
    return opened.db;
  };
  return {
    dir,
    get db() {
      return db();
    },
    env: () => databaseEnv(db(), dir),
  };
}
