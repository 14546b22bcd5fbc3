import 'server-only';
import { first } from '@/db/rows';
import { createHash, timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { cases, customers } from '@/db/tables';
import { CaseLookupSchema } from '@/lib/validation/portal';
import type { Ctx } from '../core/context';
import { AppError } from '../core/errors';
import { parseInput } from '../core/parse';
import {
  consumeLimit,
  countFailure,
  peekLimit,
  slowDown,
  type LimitSpec,
  type SlowdownSpec,
} from '../core/rate-limit';
import { secretMatches } from '../core/secrets';

/** One address guessing document numbers across cases. */
export const LOOKUP_IP_LIMIT: LimitSpec = {
  name: 'lookup-ip',
  points: 10,
  durationSeconds: 15 * 60,
  blockSeconds: 15 * 60,
};
/**
 * Five wrong documents for one case from one address block that pair: the petitioner, elsewhere,
 * is not locked out of their case by someone else's guesses (issue 13 §2).
 */
export const LOOKUP_PAIR_LIMIT: LimitSpec = {
  name: 'lookup-pair',
  points: 5,
  durationSeconds: 15 * 60,
  blockSeconds: 15 * 60,
};
/**
 * One case's document number guessed from many addresses: document numbers are short and often
 * known, so every attempt on that radicado slows (up to 8 s) once five have failed, whoever is
 * trying. It never locks: the petitioner still gets in, and the e-mailed link skips all of this.
 */
export const LOOKUP_RADICADO_SLOWDOWN: SlowdownSpec = {
  name: 'lookup-radicado',
  durationSeconds: 15 * 60,
  freePoints: 5,
  maxDelayMs: 8_000,
};

/** `52.123.456`, `52 123 456` and `52123456` are the same cédula. */
export function normalizeDocumentNumber(s: string): string {
  return s.toUpperCase().replace(/[\s.-]/g, '');
}

function sameDocument(given: string, stored: string): boolean {
  const digest = (s: string) => createHash('sha256').update(normalizeDocumentNumber(s)).digest();
  return timingSafeEqual(digest(given), digest(stored));
}

/** An anonymised customer's case can no longer be opened by document number. */
function secretOpens(
  row: {
    isAnonymous: boolean;
    accessCodeHash: string | null;
    documentNumber: string | null;
    anonymizedAt: Date | null;
  },
  secret: string,
): boolean {
  if (row.isAnonymous)
    return row.accessCodeHash !== null && secretMatches(secret, row.accessCodeHash);
  if (row.documentNumber === null || row.anonymizedAt !== null) return false;
  return sameDocument(secret, row.documentNumber);
}

async function refuseIfLimited(db: Db, spec: LimitSpec, key: string): Promise<void> {
  const state = await peekLimit(db, spec, key);
  if (state.isLimited) {
    throw new AppError('RATE_LIMITED', 'too many failed look-ups', {
      detail: { retryAfterSeconds: state.retryAfterSeconds },
    });
  }
}

/**
 * The customer's way into one case: radicado + document number, or + access code for an anonymous
 * filing. An unknown radicado and a wrong secret fail identically (no enumeration of radicados);
 * failures count against the address, the pair address + radicado, and slow the radicado. This only checks: the caller issues
 * the access cookie (portal-access.ts).
 */
export async function lookupCase(
  ctx: Ctx,
  input: unknown,
  extras: { clientIp: string },
): Promise<{ caseId: number; radicado: string }> {
  const { clientIp } = extras;
  // rate-limit.ts still takes the database itself (its store is the raw connection); a look-up runs
  // outside any transaction, so the context's connection is exactly that.
  const db = ctx.db as Db;
  await refuseIfLimited(db, LOOKUP_IP_LIMIT, clientIp);
  const { radicado, secret } = parseInput(CaseLookupSchema, input);
  const pair = `${radicado}|${clientIp}`;
  await refuseIfLimited(db, LOOKUP_PAIR_LIMIT, pair);
  await slowDown(db, LOOKUP_RADICADO_SLOWDOWN, radicado);

  const row = await first(
    db
      .select({
        id: cases.id,
        radicado: cases.radicado,
        isAnonymous: cases.isAnonymous,
        accessCodeHash: cases.accessCodeHash,
        documentNumber: customers.documentNumber,
        anonymizedAt: customers.anonymizedAt,
      })
      .from(cases)
      .leftJoin(customers, eq(customers.id, cases.customerId))
      .where(eq(cases.radicado, radicado)),
  );

  const isMatch = row !== undefined && secretOpens(row, secret);
  if (!row || !isMatch) {
    await consumeLimit(db, LOOKUP_IP_LIMIT, clientIp);
    await consumeLimit(db, LOOKUP_PAIR_LIMIT, pair);
    await countFailure(db, LOOKUP_RADICADO_SLOWDOWN, radicado);
    throw new AppError('NOT_FOUND', 'case not found');
  }
  return { caseId: row.id, radicado: row.radicado };
}
