import { asc } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Conn } from '@/db/client';
import { caseEvents, cases, outbox } from '@/db/tables';
import { createCase } from '../cases/create-case';
import { SYSTEM_ACTOR } from './actor';
import { makeCtx, withTransaction } from './context';
import { isAppError } from './errors';
import { countRows, FILED_AT, validFiling } from '../testing/fixtures';
import { openTestDb } from '../testing/test-db';
import { hashEvent } from './audit';

let db: Conn;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ db, cleanup } = await openTestDb());
});
afterEach(async () => {
  vi.restoreAllMocks();
  await cleanup();
});

const ctx = () => makeCtx(db, SYSTEM_ACTOR, FILED_AT);
const filing = (n: number) =>
  validFiling({
    customer: {
      documentType: 'CC',
      documentNumber: `5200${n}`,
      fullName: `Persona ${n}`,
      email: `p${n}@example.co`,
    },
  });

/** Every event's prev_hash is the hash of the one before, and each hash covers its row. */
async function chainHolds(): Promise<boolean> {
  let prev: string | null = null;
  for (const e of await db.select().from(caseEvents).orderBy(asc(caseEvents.id))) {
    if (e.prevHash !== prev || e.hash !== hashEvent(prev, e)) return false;
    prev = e.hash;
  }
  return true;
}

describe('filings arriving together', () => {
  it('commit each whole, numbered without gaps, the audit chain unbroken', async () => {
    const filed = await Promise.all(
      Array.from({ length: 8 }, (_, i) => createCase(ctx(), filing(i))),
    );
    // SQLite commits them in one transaction, in arrival order (group-commit.sqlite.test.ts);
    // PostgreSQL numbers each in commit order: the same numbers either way.
    expect(filed.map((c) => c.radicado).sort()).toEqual(
      Array.from({ length: 8 }, (_, i) => `PQRS-2026-${String(i + 1).padStart(6, '0')}`),
    );
    expect(await countRows(db, cases)).toBe(8);
    expect(await countRows(db, outbox)).toBe(8);
    expect(await chainHolds()).toBe(true);
  });

  it('roll back alone: one refused filing leaves the others committed and is told why', async () => {
    const results = await Promise.allSettled([
      createCase(ctx(), filing(1)),
      // An anonymous complaint is not allowed: refused inside its transaction.
      createCase(ctx(), { ...filing(2), customer: undefined, isAnonymous: true, typeCode: 'R' }),
      createCase(ctx(), filing(3)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const refused = (results[1] as PromiseRejectedResult).reason;
    expect(isAppError(refused) && refused.fieldErrors).toEqual({
      isAnonymous: ['anonymousNotAllowed'],
    });
    const radicados = (await db.select({ radicado: cases.radicado }).from(cases)).map(
      (c) => c.radicado,
    );
    expect(radicados.sort()).toEqual(['PQRS-2026-000001', 'PQRS-2026-000002']);
    expect(await chainHolds()).toBe(true);
  });

  it('one at a time each commit on their own; inside an open transaction they join it', async () => {
    await createCase(ctx(), filing(1));
    await createCase(ctx(), filing(2));
    expect(await countRows(db, cases)).toBe(2);
    await expect(
      withTransaction(ctx(), async (tx) => {
        await createCase(tx, filing(3));
        expect(await countRows(tx.db, cases)).toBe(3);
        throw new Error('the larger write fails');
      }),
    ).rejects.toThrow('the larger write fails');
    expect(await countRows(db, cases)).toBe(2);
    expect(await chainHolds()).toBe(true);
  });
});
