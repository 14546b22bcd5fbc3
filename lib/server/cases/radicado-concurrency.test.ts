import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conn } from '@/db/client';
import { caseEvents, cases, customers, radicadoSequences } from '@/db/tables';
import { parseRadicado } from '@/lib/domain/radicado';
import { countRows } from '../testing/fixtures';
import { openTestDb } from '../testing/test-db';
import { runWorkers } from '../testing/workers';

const WORKERS = 4;
const CASES_PER_WORKER = 100;
const N = WORKERS * CASES_PER_WORKER;

let db: Conn;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ db, cleanup } = await openTestDb());
});
afterEach(() => cleanup());

describe('radicado numbering under concurrent filings', () => {
  // Four processes start (each compiles the app with tsx) and file 400 cases; on PostgreSQL (the
  // processes share the test database's URL) a filing waits on its round trips: up to a minute on
  // a busy 2-core machine.
  it(`hands out ${N} unique, gap-free numbers to ${WORKERS} processes filing at once`, async () => {
    const outcomes = await runWorkers(
      db,
      Array.from({ length: WORKERS }, (_, w) => ({
        kind: 'file-cases' as const,
        count: CASES_PER_WORKER,
        tag: `W${w}N`,
        now: '2026-03-13T21:30:00Z',
      })),
    );

    const failures = outcomes.flat().filter((o) => !o.ok);
    expect(failures).toEqual([]);
    const returned = outcomes.flat().map((o) => (o.ok ? o.value : ''));
    expect(new Set(returned).size).toBe(N);

    // Each worker saw its own numbers strictly increasing: no number went backwards.
    for (const perWorker of outcomes) {
      const seqs = perWorker.map((o) => (o.ok ? parseRadicado(o.value)!.seq : 0));
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    }

    const stored = await db
      .select({ radicado: cases.radicado, documentNumber: customers.documentNumber })
      .from(cases)
      .innerJoin(customers, eq(customers.id, cases.customerId))
      .orderBy(cases.id);
    // The processes really overlapped: commit order switches between them many times.
    const switches = stored.filter(
      (row, i) =>
        i > 0 && row.documentNumber.slice(0, 2) !== stored[i - 1]!.documentNumber.slice(0, 2),
    ).length;
    expect(switches).toBeGreaterThan(WORKERS * 2);

    expect(stored).toHaveLength(N);
    const seqs = stored
      .map((r) => parseRadicado(r.radicado))
      .map((p) => {
        expect(p).toMatchObject({ prefix: 'PQRS', year: 2026 });
        return p!.seq;
      });
    expect(seqs.sort((a, b) => a - b)).toEqual(Array.from({ length: N }, (_, i) => i + 1));
    expect(new Set(returned)).toEqual(new Set(stored.map((r) => r.radicado)));
    expect(await db.select().from(radicadoSequences)).toEqual([
      { prefix: 'PQRS', year: 2026, lastValue: N },
    ]);
    expect(await countRows(db, caseEvents)).toBe(N);

    // The audit hash chain did not fork: every event points at the one written just before it.
    const chain = await db
      .select({ prevHash: caseEvents.prevHash, hash: caseEvents.hash })
      .from(caseEvents)
      .orderBy(caseEvents.id);
    chain.forEach((event, i) => expect(event.prevHash).toBe(i === 0 ? null : chain[i - 1]!.hash));
  }, 120_000);
});
