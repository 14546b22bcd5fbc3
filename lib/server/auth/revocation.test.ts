import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conn } from '@/db/client';
import { revokedSessions, staffUsers } from '@/db/tables';
import { resetStaffPassword } from '../admin/reset-staff-password';
import { setStaffActive } from '../admin/set-staff-active';
import { makeCtx, withTransaction } from '../core/context';
import { VISITOR } from '../core/actor';
import { insertStaff } from '../testing/fixtures';
import { openTestDb } from '../testing/test-db';
import { revokeSession, SESSION_MAX_AGE_SECONDS, sessionStands } from './revocation';

let db: Conn;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ db, cleanup } = await openTestDb()));
afterEach(() => cleanup());

const T0 = new Date('2026-03-16T15:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

describe('sessions end on the server (issue 13 §6)', () => {
  it('a signed-out session is refused until it would have expired, then forgotten', async () => {
    const user = await insertStaff(db, { email: 'agente@example.co', role: 'agent' });
    await revokeSession(makeCtx(db, VISITOR, T0), { sid: 'a', userId: user.id });
    await revokeSession(makeCtx(db, VISITOR, T0), { sid: 'a', userId: user.id }); // twice: one row
    expect(await db.select().from(revokedSessions)).toEqual([
      { jti: 'a', userId: user.id, expiresAt: at(SESSION_MAX_AGE_SECONDS * 1000) },
    ]);
    // The next sign-out after that instant sweeps it.
    await revokeSession(makeCtx(db, VISITOR, at(SESSION_MAX_AGE_SECONDS * 1000 + 1)), {
      sid: 'b',
      userId: user.id,
    });
    expect(await db.select({ jti: revokedSessions.jti }).from(revokedSessions)).toEqual([
      { jti: 'b' },
    ]);
  });

  it('a sign-out made while another request’s transaction is open survives its rollback', async () => {
    const user = await insertStaff(db, { email: 'agente@example.co', role: 'agent' });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const failing = withTransaction(makeCtx(db, VISITOR, T0), async (tx) => {
      await tx.db.update(staffUsers).set({ name: 'Cambio que no queda' });
      await held;
      throw new Error('the other request fails');
    });
    await new Promise((resolve) => setImmediate(resolve));
    const signingOut = revokeSession(makeCtx(db, VISITOR, T0), { sid: 's', userId: user.id });
    release();
    await expect(failing).rejects.toThrow('the other request fails');
    await signingOut;
    expect(await db.select({ jti: revokedSessions.jti }).from(revokedSessions)).toEqual([
      { jti: 's' },
    ]);
  });

  it('stands only when not revoked, stamped, and signed in after the last reset', () => {
    const fresh = { sessionsValidAfter: null };
    const reset = { sessionsValidAfter: at(1000) };
    expect(sessionStands({ signedInAt: T0.getTime(), isRevoked: false }, fresh)).toBe(true);
    expect(sessionStands({ signedInAt: T0.getTime(), isRevoked: true }, fresh)).toBe(false);
    expect(sessionStands({ signedInAt: undefined, isRevoked: false }, fresh)).toBe(false);
    expect(sessionStands({ signedInAt: T0.getTime(), isRevoked: false }, reset)).toBe(false);
    expect(sessionStands({ signedInAt: at(1000).getTime(), isRevoked: false }, reset)).toBe(true);
  });

  it('a password reset and a deactivation void every earlier session of that user', async () => {
    const admin = await insertStaff(db, { email: 'admin@example.co', role: 'admin' });
    const agent = await insertStaff(db, { email: 'agente@example.co', role: 'agent' });
    const other = await insertStaff(db, { email: 'otra@example.co', role: 'agent' });
    const asAdmin = (now: Date) => makeCtx(db, { id: admin.id, role: 'admin', teamId: null }, now);
    const validAfter = async (id: number) =>
      (await db.query.staffUsers.findFirst({ where: (u, { eq }) => eq(u.id, id) }))
        ?.sessionsValidAfter ?? null;

    await resetStaffPassword(asAdmin(at(5000)), { userId: agent.id, password: 'Nueva-clave-1234' });
    expect(await validAfter(agent.id)).toEqual(at(5000));
    expect(await validAfter(other.id)).toBeNull();

    await setStaffActive(asAdmin(at(9000)), { userId: other.id, isActive: false });
    expect(await validAfter(other.id)).toEqual(at(9000));
    // Reactivating keeps the old sessions void.
    await setStaffActive(asAdmin(at(12000)), { userId: other.id, isActive: true });
    expect(await validAfter(other.id)).toEqual(at(9000));
  });
});
