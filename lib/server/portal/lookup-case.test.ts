import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conn } from '@/db/client';
import { rateLimits } from '@/db/tables';
import { makeCtx } from '../core/context';
import { AppError, isAppError } from '../core/errors';
import { slowdownDelayMs } from '../core/rate-limit';
import {
  LOOKUP_IP_LIMIT,
  LOOKUP_PAIR_LIMIT,
  LOOKUP_RADICADO_SLOWDOWN,
  lookupCase,
} from './lookup-case';
import { countRows, fileCase } from '../testing/fixtures';
import { VISITOR } from './actors';
import { openTestDb } from '../testing/test-db';

const IP = '203.0.113.7';
const DOCUMENT = '52123456';

let db: Conn;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ db, cleanup } = await openTestDb());
});
afterEach(() => cleanup());

const look = (radicado: unknown, secret: unknown, ip = IP) =>
  lookupCase(makeCtx(db, VISITOR), { radicado, secret }, { clientIp: ip });

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return error;
    throw error;
  }
  throw new Error('expected an AppError, but the look-up succeeded');
}

async function fileIdentified(documentNumber = DOCUMENT) {
  return await fileCase(db, {
    customer: {
      documentType: 'CC',
      documentNumber,
      fullName: 'Ana María Pérez',
      email: 'ana@example.co',
    },
  });
}

describe('lookupCase', () => {
  it('opens an identified case with its radicado and the document number', async () => {
    const created = await fileIdentified();
    await expect(look(created.radicado, DOCUMENT)).resolves.toEqual({
      caseId: created.id,
      radicado: created.radicado,
    });
  });

  it('gives a wrong document number and an unknown radicado the very same error', async () => {
    const created = await fileIdentified();
    const wrong = await rejection(look(created.radicado, '99999999'));
    const unknown = await rejection(look('PQRS-2026-000999', DOCUMENT));
    expect(wrong.code).toBe('NOT_FOUND');
    expect(wrong.message).toBe('case not found');
    const visible = (e: AppError) => [e.code, e.message, e.fieldErrors, e.detail];
    expect(visible(unknown)).toEqual(visible(wrong));
  });

  it('opens an anonymous case with its access code, and not with anything else', async () => {
    const created = await fileCase(db, { typeCode: 'D', isAnonymous: true, customer: undefined });
    expect(created.accessCode).toMatch(/^[A-Z2-9]{12}$/);
    const code = created.accessCode!;
    await expect(look(created.radicado, code.toLowerCase())).resolves.toEqual({
      caseId: created.id,
      radicado: created.radicado,
    });
    expect((await rejection(look(created.radicado, DOCUMENT))).code).toBe('NOT_FOUND');
    expect((await rejection(look(created.radicado, `${code}X`))).code).toBe('NOT_FOUND');
  });

  it('never opens an identified case with an access-code-like secret', async () => {
    const created = await fileIdentified();
    expect((await rejection(look(created.radicado, 'ABCDEFGHJKLM'))).code).toBe('NOT_FOUND');
  });

  it.each([
    ['dots', '52.123.456'],
    ['spaces', ' 52 123 456 '],
    ['dashes', '52-123-456'],
  ])('reads a document number typed with %s as the same number', async (_name, typed) => {
    const created = await fileIdentified();
    await expect(look(created.radicado, typed)).resolves.toMatchObject({ caseId: created.id });
  });

  it('ignores case in the radicado and in a passport number', async () => {
    const created = await fileIdentified('AB-123456');
    await expect(look(`  ${created.radicado.toLowerCase()} `, 'ab123456')).resolves.toEqual({
      caseId: created.id,
      radicado: created.radicado,
    });
  });

  it.each([
    ['no radicado', { secret: DOCUMENT }, 'radicado', 'required'],
    ['a malformed radicado', { radicado: 'PQRS-26-1', secret: DOCUMENT }, 'radicado', 'radicado'],
    ['no secret', { radicado: 'PQRS-2026-000001', secret: '  ' }, 'secret', 'required'],
    [
      'a long secret',
      { radicado: 'PQRS-2026-000001', secret: '1'.repeat(41) },
      'secret',
      'tooLong',
    ],
  ])('refuses %s as VALIDATION, counting no failure', async (_name, input, field, key) => {
    const error = await rejection(lookupCase(makeCtx(db, VISITOR), input, { clientIp: IP }));
    expect(error.code).toBe('VALIDATION');
    expect(error.fieldErrors?.[field]).toEqual([key]);
    expect(await countRows(db, rateLimits)).toBe(0);
  });
});

describe('lookupCase: rate limits', () => {
  it(`refuses the attempt after ${LOOKUP_IP_LIMIT.points} failures from one address`, async () => {
    const created = await fileIdentified();
    for (let i = 0; i < LOOKUP_IP_LIMIT.points; i++) {
      // Different radicados, so only the address limit is at work.
      const error = await rejection(look(`PQRS-2026-${String(100 + i).padStart(6, '0')}`, '1'));
      expect(error.code).toBe('NOT_FOUND');
    }
    const limited = await rejection(look(created.radicado, DOCUMENT));
    expect(limited.code).toBe('RATE_LIMITED');
    expect(limited.detail?.retryAfterSeconds).toBeGreaterThan(0);
    expect(limited.detail?.retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
    // Bad input from a limited address is refused for the limit, before it is read.
    expect((await rejection(look('nonsense', ''))).code).toBe('RATE_LIMITED');
    // Another address is not affected.
    await expect(look(created.radicado, DOCUMENT, '198.51.100.1')).resolves.toMatchObject({
      caseId: created.id,
    });
  });

  it(`blocks one address after ${LOOKUP_PAIR_LIMIT.points} failures on one case, not the petitioner elsewhere`, async () => {
    const created = await fileIdentified();
    const other = await fileIdentified('80123456');
    for (let i = 0; i < LOOKUP_PAIR_LIMIT.points; i++) {
      expect((await rejection(look(created.radicado, `1000${i}`))).code).toBe('NOT_FOUND');
    }
    // That address, even with the right document number, waits now (typed in lower case too).
    const limited = await rejection(look(created.radicado, DOCUMENT));
    expect(limited.code).toBe('RATE_LIMITED');
    expect(limited.detail?.retryAfterSeconds).toBeGreaterThan(0);
    expect((await rejection(look(created.radicado.toLowerCase(), DOCUMENT))).code).toBe(
      'RATE_LIMITED',
    );
    // The petitioner, from their own address, gets in; that address's other cases too.
    await expect(look(created.radicado, DOCUMENT, '192.0.2.50')).resolves.toMatchObject({
      caseId: created.id,
    });
    await expect(look(other.radicado, '80123456')).resolves.toMatchObject({ caseId: other.id });
  });

  it('guesses at one case from many addresses slow it down and never lock it', async () => {
    const created = await fileIdentified();
    const guesses = LOOKUP_RADICADO_SLOWDOWN.freePoints + 2;
    for (let i = 0; i < guesses; i++) {
      const error = await rejection(look(created.radicado, `1000${i}`, `198.51.100.${i + 1}`));
      expect(error.code).toBe('NOT_FOUND');
    }
    const wait = slowdownDelayMs(guesses, LOOKUP_RADICADO_SLOWDOWN);
    expect(wait).toBe(500);
    const started = performance.now();
    await expect(look(created.radicado, DOCUMENT, '192.0.2.50')).resolves.toMatchObject({
      caseId: created.id,
    });
    expect(performance.now() - started).toBeGreaterThanOrEqual(wait - 5);
  });

  it('a success resets no counter', async () => {
    const created = await fileIdentified();
    const failures = LOOKUP_PAIR_LIMIT.points - 1;
    for (let i = 0; i < failures; i++) await rejection(look(created.radicado, '1'));
    await expect(look(created.radicado, DOCUMENT)).resolves.toMatchObject({ caseId: created.id });
    expect((await rejection(look(created.radicado, '1'))).code).toBe('NOT_FOUND');
    expect((await rejection(look(created.radicado, DOCUMENT))).code).toBe('RATE_LIMITED');
  });
});
