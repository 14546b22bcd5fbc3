import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = path.join(process.cwd(), 'lib', 'i18n', 'messages');

function leafKeys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => leafKeys(v, prefix ? `${prefix}.${k}` : k));
}

describe('message catalogues', () => {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.es.json') || f === 'es.json');
  it.each(files)('%s has exactly the same keys in English', (esFile) => {
    const enFile = esFile.replace(/(^|\.)es\.json$/, '$1en.json');
    const es = leafKeys(JSON.parse(fs.readFileSync(path.join(dir, esFile), 'utf8')));
    const en = leafKeys(JSON.parse(fs.readFileSync(path.join(dir, enFile), 'utf8')));
    expect(en.sort()).toEqual(es.sort());
  });

  it('never leaves a Spanish message empty', () => {
    for (const file of files) {
      const messages = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
      const valueAt = (key: string) =>
        key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], messages);
      const empty = leafKeys(messages).filter((key) => valueAt(key) === '');
      expect(empty, file).toEqual([]);
    }
  });

  it('keeps each top-level namespace in one area file, so merging them loses nothing', () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const file of files) {
      for (const ns of Object.keys(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')))) {
        const first = owner.get(ns);
        if (first) clashes.push(`${ns}: ${first} and ${file}`);
        else owner.set(ns, file);
      }
    }
    expect(clashes).toEqual([]);
  });

  it('loads every area file present in the folder', async () => {
    const { MESSAGE_AREAS } = await import('./load-messages');
    const areas = files.map((f) => (f === 'es.json' ? 'core' : f.replace(/\.es\.json$/, '')));
    expect([...MESSAGE_AREAS].sort()).toEqual(areas.sort());
  });
});
