import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** The seam's rules (issue 11, docs/architecture.md), checked over the tracked sources. */
const root = path.join(import.meta.dirname, '..');
const self = path.relative(root, import.meta.filename);
const sources = execFileSync('git', ['ls-files', 'app', 'lib', 'db', 'scripts', 'e2e'], {
  cwd: root,
  encoding: 'utf8',
})
  .split('\n')
  // This file names the patterns it forbids, so it is not one of the files it checks.
  .filter((f) => f !== self && /\.(ts|tsx)$/.test(f) && fs.existsSync(path.join(root, f)));
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');
const offenders = (files: string[], pattern: RegExp) =>
  files.filter((file) => pattern.test(read(file)));

describe('one data seam', () => {
  it('no verb reaches for the process database as a default', () => {
    expect(offenders(sources, /\?\?\s*getDb\(\)/)).toEqual([]);
  });

  it('only db/ opens a better-sqlite3 connection or imports the driver', () => {
    const outside = sources.filter((f) => !f.startsWith('db/'));
    expect(offenders(outside, /new Database\(|from 'better-sqlite3'/)).toEqual([]);
  });

  it('app/ never imports the database client', () => {
    const app = sources.filter((f) => f.startsWith('app/'));
    expect(offenders(app, /['"]@\/db\/client['"]/)).toEqual([]);
  });

  it('lib/server holds subject folders only, no loose files', () => {
    const loose = fs
      .readdirSync(path.join(root, 'lib/server'), { withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => entry.name);
    expect(loose).toEqual([]);
  });

  it('lib/ has no import cycle (type-only imports included)', () => {
    const files = new Set(sources.filter((f) => f.startsWith('lib/') && !f.endsWith('.test.ts')));
    const resolve = (spec: string, from: string) => {
      const base = spec.startsWith('@/')
        ? spec.slice(2)
        : spec.startsWith('.')
          ? path.posix.normalize(path.posix.join(path.posix.dirname(from), spec))
          : null;
      if (!base) return null;
      return (
        [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`].find((c) => files.has(c)) ?? null
      );
    };
    const graph = new Map<string, string[]>();
    for (const file of files) {
      const deps = [...read(file).matchAll(/^(?:import|export)\b[^;]*?from\s+'([^']+)'/gms)]
        .map((m) => resolve(m[1]!, file))
        .filter((d): d is string => d !== null);
      graph.set(file, deps);
    }
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[][] = [];
    const visit = (file: string, trail: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...trail.slice(trail.indexOf(file)), file]);
        return;
      }
      state.set(file, 'open');
      for (const dep of graph.get(file) ?? []) visit(dep, [...trail, file]);
      state.set(file, 'done');
    };
    for (const file of files) visit(file, []);
    expect(cycles).toEqual([]);
  });

  it('server actions and route handlers go through the one wrapper each', () => {
    const handlers = sources.filter((f) => /^app\/.*\/route\.ts$/.test(f));
    const bare = handlers.filter(
      (f) => !/\broute\(|\bintakeRoute\(|from 'next-auth'|NextAuth\(/.test(read(f)),
    );
    expect(bare).toEqual([]);
    const actions = sources.filter((f) => read(f).startsWith("'use server'"));
    expect(actions.filter((f) => !/\baction\(/.test(read(f)) && !/locale/.test(f))).toEqual([]);
  });
});
