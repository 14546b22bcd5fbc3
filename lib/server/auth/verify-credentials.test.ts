import { first } from '@/db/rows';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conn } from '@/db/client';
import { staffUsers } from '@/db/tables';
import { insertStaff, TEST_PASSWORD } from '../testing/fixtures';
import { openTestDb } from '../testing/test-db';
import { slowdownDelayMs } from '../core/rate-limit';
import {
  SIGN_IN_ACCOUNT_SLOWDOWN,
  SIGN_IN_IP_LIMIT,
  verifyCredentials,
} from './verify-credentials';
import { makeCtx } from '../core/context';
import { VISITOR } from '../core/actor';

const NOW = new Date('2026-03-16T15:00:00Z');
const IP = '203.0.113.7';

let db: Conn;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ db, cleanup } = await openTestDb());
});
afterEach(() => cleanup());

const signIn = (email: string, password: string, ip = IP) =>
  verifyCredentials(makeCtx(db, VISITOR, NOW), { email, password }, { clientIp: ip });

describe('verifyCredentials', () => {
  it('accepts the right password and returns the role', async () => {
    const agent = await insertStaff(db, {
      email: 'Agente@Example.co',
      role: 'agent',
      teamId: null,
    });
    const result = await signIn(' agente@example.CO ', TEST_PASSWORD);
    expect(result).toEqual({
      ok: true,
      user: {
        id: agent.id,
        name: 'Agente',
        email: 'Agente@Example.co',
        role: 'agent',
        teamId: null,
      },
    });
    const row = await first(db.select().from(staffUsers).where(eq(staffUsers.id, agent.id)));
    expect(row?.lastSignInAt).toEqual(NOW);
  });

  it('gives a wrong password and an unknown email the same answer', async () => {
    await insertStaff(db, { email: 'agente@example.co', role: 'agent' });
    const wrong = await signIn('agente@example.co', 'not the password');
    const unknown = await signIn('nadie@example.co', TEST_PASSWORD);
    expect(wrong).toEqual({ ok: false, code: 'INVALID_CREDENTIALS' });
    expect(unknown).toEqual(wrong);
  });

  it.each([
    ['an email without @', { email: 'agente.example.co', password: TEST_PASSWORD }],
    ['an empty password', { email: 'agente@example.co', password: '' }],
    ['nothing at all', {}],
    ['not an object', 'agente@example.co'],
  ])('refuses %s as VALIDATION', async (_name, raw) => {
    await insertStaff(db, { email: 'agente@example.co', role: 'agent' });
    expect(await verifyCredentials(makeCtx(db, VISITOR, NOW), raw, { clientIp: IP })).toEqual({
      ok: false,
      code: 'VALIDATION',
    });
  });

  it('refuses an inactive user even with the right password', async () => {
    await insertStaff(db, { email: 'retirada@example.co', role: 'supervisor', isActive: false });
    expect(await signIn('retirada@example.co', TEST_PASSWORD)).toEqual({
      ok: false,
      code: 'INVALID_CREDENTIALS',
    });
  });

  it('blocks one address after 5 wrong passwords for an account; its owner elsewhere signs in', async () => {
    await insertStaff(db, { email: 'agente@example.co', role: 'admin' });
    for (let i = 0; i < 5; i++) {
      expect((await signIn('agente@example.co', `wrong ${i}`)).ok).toBe(false);
    }
    const locked = await signIn('agente@example.co', TEST_PASSWORD);
    expect(locked).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
    expect(locked.ok === false && locked.retryAfterSeconds).toBeGreaterThan(0);
    expect(locked.ok === false && locked.retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
    expect(await signIn('AGENTE@example.co', TEST_PASSWORD, '198.51.100.1')).toMatchObject({
      ok: true,
    });
  });

  it('slows, never locks, an account guessed at from many addresses', async () => {
    await insertStaff(db, { email: 'agente@example.co', role: 'agent' });
    const guesses = SIGN_IN_ACCOUNT_SLOWDOWN.freePoints + 2;
    for (let i = 0; i < guesses; i++) {
      const result = await signIn('agente@example.co', 'wrong', `198.51.100.${i + 1}`);
      expect(result).toMatchObject({ ok: false, code: 'INVALID_CREDENTIALS' });
    }
    const wait = slowdownDelayMs(guesses, SIGN_IN_ACCOUNT_SLOWDOWN);
    expect(wait).toBe(500);
    const started = performance.now();
    expect((await signIn('agente@example.co', TEST_PASSWORD, '192.0.2.9')).ok).toBe(true);
    expect(performance.now() - started).toBeGreaterThanOrEqual(wait - 5);
  });

  it('grows the delay by doubling up to its ceiling', () => {
    const spec = SIGN_IN_ACCOUNT_SLOWDOWN;
    expect(slowdownDelayMs(spec.freePoints, spec)).toBe(0);
    expect(slowdownDelayMs(spec.freePoints + 1, spec)).toBe(250);
    expect(slowdownDelayMs(spec.freePoints + 3, spec)).toBe(1000);
    expect(slowdownDelayMs(spec.freePoints + 100, spec)).toBe(spec.maxDelayMs);
  });

  it('does not block a different email from the same IP', async () => {
    await insertStaff(db, { email: 'agente@example.co', role: 'agent' });
    await insertStaff(db, { email: 'supervisora@example.co', role: 'supervisor' });
    for (let i = 0; i < 6; i++) await signIn('agente@example.co', `wrong ${i}`);
    expect(await signIn('supervisora@example.co', TEST_PASSWORD)).toMatchObject({
      ok: true,
      user: { role: 'supervisor' },
    });
  });

  it('resets the email counter on success', async () => {
    await insertStaff(db, { email: 'agente@example.co', role: 'agent' });
    for (let i = 0; i < 4; i++) await signIn('agente@example.co', 'wrong');
    expect((await signIn('agente@example.co', TEST_PASSWORD)).ok).toBe(true);
    // Without the reset these would be failures 5 to 8 of the pair and the next attempt would be locked.
    for (let i = 0; i < 4; i++) await signIn('agente@example.co', 'wrong');
    expect((await signIn('agente@example.co', TEST_PASSWORD)).ok).toBe(true);
  });

  it(`blocks one address spraying passwords across accounts after ${SIGN_IN_IP_LIMIT.points} failures`, async () => {
    const emails = Array.from({ length: 21 }, (_, i) => `persona${i}@example.co`);
    for (const email of emails) await insertStaff(db, { email, role: 'agent' });
    // One guess per account: no account or pair limit is near, only the address's.
    for (const email of emails.slice(0, SIGN_IN_IP_LIMIT.points)) {
      expect(await signIn(email, 'Verano2026!')).toMatchObject({ code: 'INVALID_CREDENTIALS' });
    }
    const last = emails[20]!;
    expect(await signIn(last, TEST_PASSWORD)).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
    expect((await signIn(last, TEST_PASSWORD, '198.51.100.1')).ok).toBe(true);
  });
});
