/**
 * The search index merge (jobs/search-merge.ts): filings one by one leave the index and its
 * vocabulary in many segments; the job merges each into one, and searches find what they found.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { searchIndexSegments } from '@/db/sql/search';
import { makeCtx, systemCtx } from '../core/context';
import { searchCases } from '../cases/search-cases';
import { fileCase, seedFixture, type Fixture } from '../testing/fixtures';
import { createTestDb } from '../testing/test-db';
import { mergeSearchIndex } from './search-merge';

let db: Db;
let cleanup: () => void;
let fx: Fixture;
beforeEach(async () => {
  ({ db, cleanup } = createTestDb());
  fx = await seedFixture(db);
});
afterEach(() => cleanup());

const SUBJECTS = ['Cobro doble en la factura', 'Medidor averiado', 'Facturación sin lectura'];

async function fileOneByOne(count: number) {
  for (let i = 0; i < count; i++) {
    await fileCase(db, { subject: `${SUBJECTS[i % SUBJECTS.length]} ${i}` });
  }
}

const found = async (q: string) => {
  const result = await searchCases(makeCtx(db, fx.supervisor), { q, pageSize: 50 });
  return { total: result.total, radicados: result.rows.map((r) => r.radicado) };
};

describe('search index merge', () => {
  it('leaves the index and its vocabulary in one segment each, and searches find the same', async () => {
    await fileOneByOne(24);
    const before = searchIndexSegments(db);
    expect(before.index).toBeGreaterThan(1);
    expect(before.terms).toBeGreaterThan(1);
    const queries = ['factur', 'medidor', 'cobro doble', 'lectura 5'];
    const answers = await Promise.all(queries.map(found));
    for (const answer of answers) expect(answer.total).toBeGreaterThan(0);

    expect(await mergeSearchIndex(systemCtx(db), 2)).toEqual({ index: 1, terms: 1 });
    expect(await Promise.all(queries.map(found))).toEqual(answers);

    // Later filings are found, and merged in on the next run.
    await fileOneByOne(3);
    expect((await found('medidor')).total).toBe(answers[1]!.total + 1);
    expect(searchIndexSegments(db).index).toBeGreaterThan(1);
    expect(await mergeSearchIndex(systemCtx(db), 2)).toEqual({ index: 1, terms: 1 });
  });

  it('leaves an index in fewer segments than the threshold alone', async () => {
    await fileOneByOne(6);
    const before = searchIndexSegments(db);
    expect(await mergeSearchIndex(systemCtx(db), before.index + before.terms + 1)).toEqual(before);
  });
});
