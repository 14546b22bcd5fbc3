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

/** Each `t('key')` (or `t.rich('key'`) of the file, as its full path; dynamic keys by prefix. */
function usedKeys(source: string): string[] {
  const keys: string[] = [];
  for (const [, name, ns] of source.matchAll(/const (\w+) = useTranslations\('([\w.]+)'\)/g)) {
    const call = new RegExp(
      `\\b${name}(?:\\.rich|\\.markup)?\\(\\s*(?:'([\\w.]+)'|\`([\\w.]+)\\.\\$\\{)`,
      'g',
    );
    for (const [, key, prefix] of source.matchAll(call)) keys.push(`${ns}.${key ?? prefix}`);
  }
  return keys;
}

const has = (messages: Record<string, unknown>, key: string) =>
  key
    .split('.')
    .reduce<unknown>(
      (at, part) => (at as Record<string, unknown> | undefined)?.[part],
      messages,
    ) !== undefined;

describe.each(['es', 'en'] as const)('client messages (%s)', (locale) => {
  it.each(Object.entries(COMPONENTS))('%s finds every key it uses', async (file, part) => {
    const messages = pickMessages(await loadMessages(locale), CLIENT_NAMESPACES[part]);
    const keys = usedKeys(fs.readFileSync(path.join(process.cwd(), file), 'utf8'));
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.filter((key) => !has(messages, key))).toEqual([]);
  });
});
