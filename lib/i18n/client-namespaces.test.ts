/**
 * Every text a client component asks for reaches the browser (issue 15 §4): for each client
 * component a public page renders, each `t('key')` it calls must be in the namespaces its page
 * sends. A key added to a form without its namespace fails here, not as a raw key on the page.
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

/** Every client component of the staff area, found on disk: a new one is checked without a list. */
function staffComponents(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (/\.tsx?$/.test(entry.name) && /^'use client'/.test(fs.readFileSync(file, 'utf8'))) {
        found.push(path.relative(process.cwd(), file));
      }
    }
  };
  walk(path.join(process.cwd(), 'app/(staff)'));
  walk(path.join(process.cwd(), 'app/_components'));
  return found;
}

describe.each(['es', 'en'] as const)('client messages (%s)', (locale) => {
  it.each(staffComponents())('%s finds every key it uses on staff pages', async (file) => {
    const messages = pickMessages(await loadMessages(locale), CLIENT_NAMESPACES.staff);
    const keys = usedKeys(fs.readFileSync(path.join(process.cwd(), file), 'utf8'));
    expect(keys.filter((key) => !has(messages, key))).toEqual([]);
  });

  it.each(Object.entries(COMPONENTS))('%s finds every key it uses', async (file, part) => {
    const messages = pickMessages(await loadMessages(locale), CLIENT_NAMESPACES[part]);
    const keys = usedKeys(fs.readFileSync(path.join(process.cwd(), file), 'utf8'));
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.filter((key) => !has(messages, key))).toEqual([]);
  });
});
