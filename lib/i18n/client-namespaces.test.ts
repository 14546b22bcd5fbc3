/**
 * Every text a client component asks for reaches the browser (issue 15 §4): for each client
 * component a public page renders, each `t('key')` it calls must be in the namespaces its page
 * sends. A key added to a form without its namespace fails here, not as a raw key on the page.
 * Staff pages are found on disk: each route file's client modules (followed through its imports,
 * shared components included) are checked against the set the nearest provider above it sends.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLIENT_NAMESPACES, pickMessages } from './client-namespaces';
import { loadMessages } from './load-messages';

const COMPONENTS: Record<string, keyof typeof CLIENT_NAMESPACES> = {
  'app/(portal)/radicar/filing-form.tsx': 'filing',
  'app/_components/document-type-select.tsx': 'filing',
  'app/(portal)/consulta/lookup-form.tsx': 'lookup',
  'app/(portal)/consulta/[radicado]/case-actions.tsx': 'petitionerCase',
  'app/_components/deadline-chip.tsx': 'petitionerCase',
  'app/_components/use-form-action.tsx': 'core',
  'app/_components/error-view.tsx': 'core',
  'app/ingresar/sign-in-form.tsx': 'signIn',
};

/**
 * Each `t('key')` (or `t.rich('key'`) of the file, as its full path; dynamic keys by prefix. A
 * name bound twice (`const t` in two components of one file) answers for the calls up to the next
 * binding of that name.
 */
function usedKeys(source: string): string[] {
  const bindings = [...source.matchAll(/const (\w+) = useTranslations\('([\w.]+)'\)/g)];
  const keys: string[] = [];
  bindings.forEach((binding, i) => {
    const [, name, ns] = binding;
    const next = bindings.slice(i + 1).find((b) => b[1] === name);
    const body = source.slice(binding.index, next?.index ?? source.length);
    const call = new RegExp(
      `\\b${name}(?:\\.rich|\\.markup)?\\(\\s*(?:'([\\w.]+)'|\`([\\w.]+)\\.\\$\\{)`,
      'g',
    );
    for (const [, key, prefix] of body.matchAll(call)) keys.push(`${ns}.${key ?? prefix}`);
  });
  return keys;
}

const has = (messages: Record<string, unknown>, key: string) =>
  key
    .split('.')
    .reduce<unknown>(
      (at, part) => (at as Record<string, unknown> | undefined)?.[part],
      messages,
    ) !== undefined;

const STAFF = 'app/(staff)';
const read = (file: string) => fs.readFileSync(path.join(process.cwd(), file), 'utf8');
const isFile = (file: string) =>
  fs.statSync(path.join(process.cwd(), file), { throwIfNoEntry: false })?.isFile();

function walk(dir: string, found: string[] = []): string[] {
  for (const entry of fs.readdirSync(path.join(process.cwd(), dir), { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(file, found);
    else if (/\.tsx?$/.test(entry.name)) found.push(file);
  }
  return found;
}

/** The project files `file` imports for their values (`import type` brings nothing to run). */
function importsOf(file: string): string[] {
  const source = read(file);
  const specs = [
    ...source.matchAll(/^\s*(?:import|export)(?!\s+type\s)\s[^;'"`]*?\bfrom\s+'([^']+)'/gm),
    ...source.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g),
  ].flatMap((m) => (m[1] ? [m[1]] : []));
  return specs.flatMap((spec) => {
    const base = spec.startsWith('@/')
      ? spec.slice(2)
      : spec.startsWith('.')
        ? path.join(path.dirname(file), spec)
        : undefined;
    if (base === undefined) return [];
    const found = ['', '.tsx', '.ts', '/index.tsx', '/index.ts'].map((x) => base + x).find(isFile);
    return found && /\.tsx?$/.test(found) ? [found] : [];
  });
}

/**
 * The modules a route file sends to the browser: each 'use client' file it reaches and all that
 * file imports, up to a 'use server' file (its actions run on the server).
 */
function clientModules(entry: string): string[] {
  const seen = new Map<string, boolean>();
  const stack: [string, boolean][] = [[entry, false]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [file, below] = next;
    const source = read(file);
    if (/^'use server'/.test(source)) continue;
    const inClient = below || /^'use client'/.test(source);
    if (seen.get(file) === true || seen.get(file) === inClient) continue;
    seen.set(file, inClient);
    for (const imported of importsOf(file)) stack.push([imported, inClient]);
  }
  return [...seen].filter(([, inClient]) => inClient).map(([file]) => file);
}

type Part = keyof typeof CLIENT_NAMESPACES;
const declaredPart = (file: string) => {
  const found = read(file).match(/CLIENT_NAMESPACES\.(\w+)|messagesLayout\('(\w+)'\)/);
  return found ? ((found[1] ?? found[2]) as Part) : undefined;
};

/**
 * The set a route file's client components get: the one it wraps its content in, else that of the
 * nearest layout above it (an error or not-found view renders inside its own folder's layout).
 */
function partOf(file: string): Part {
  const own = declaredPart(file);
  if (own) return own;
  for (let dir = path.dirname(file); dir.startsWith(STAFF); dir = path.dirname(dir)) {
    const layout = path.join(dir, 'layout.tsx');
    const part = isFile(layout) ? declaredPart(layout) : undefined;
    if (part) return part;
  }
  return 'core';
}

const routeFiles = walk(STAFF).filter((file) =>
  /^(page|layout|error|not-found|loading|template|default)\.tsx$/.test(path.basename(file)),
);
const staffParts = [...new Set(routeFiles.map(partOf))];

describe.each(['es', 'en'] as const)('client messages (%s)', (locale) => {
  it.each(routeFiles)('%s: its client components find every key they use', async (file) => {
    const messages = pickMessages(await loadMessages(locale), CLIENT_NAMESPACES[partOf(file)]);
    const missing = clientModules(file).flatMap((module) =>
      usedKeys(read(module))
        .filter((key) => !has(messages, key))
        .map((key) => `${module}: ${key}`),
    );
    expect(missing).toEqual([]);
  });
  it.each(Object.entries(COMPONENTS))('%s finds every key it uses', async (file, part) => {
    const messages = pickMessages(await loadMessages(locale), CLIENT_NAMESPACES[part]);
    const keys = usedKeys(fs.readFileSync(path.join(process.cwd(), file), 'utf8'));
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.filter((key) => !has(messages, key))).toEqual([]);
  });
});

describe('staff client messages', () => {
  it('every client component of the staff area is rendered by a staff route, so checked above', () => {
    const rendered = new Set(routeFiles.flatMap(clientModules));
    const components = walk(STAFF).filter((file) => /^'use client'/.test(read(file)));
    expect(components.filter((file) => !rendered.has(file))).toEqual([]);
  });

  it('a staff page sends under 10 KB of text, not the 50 KB every one sent (issue 15 §4)', async () => {
    const es = await loadMessages('es');
    const size = (part: Part) => JSON.stringify(pickMessages(es, CLIENT_NAMESPACES[part])).length;
    const heavy = staffParts
      .map((part) => [part, size(part) + size('staffShell')] as const)
      .filter(([, bytes]) => bytes > 10_000);
    expect(heavy).toEqual([]);
  });

  it("the queue's and the case page's sets hold nothing of admin, quality review or problems", () => {
    for (const part of ['queue', 'staffCase', 'staffShell'] as const) {
      const foreign = CLIENT_NAMESPACES[part].filter((ns) =>
        /^(admin|quality\.review|causes\.problems$|notificationPrefs|board)/.test(ns),
      );
      expect([part, foreign]).toEqual([part, []]);
    }
  });
});
