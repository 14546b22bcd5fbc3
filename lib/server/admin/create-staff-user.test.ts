import { first } from '@/db/rows';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conn } from '@/db/client';
import { caseEvents, staffUsers } from '@/db/tables';
import { verifyCredentials } from '../auth/verify-credentials';
import { createStaffUser } from './create-staff-user';
import { createTeam } from './create-team';
import { captureAppError, countRows, seedFixture, type Fixture } from '../testing/fixtures';
import { openTestDb } from '../testing/test-db';
import { makeCtx } from '../core/context';
import { VISITOR } from '../core/actor';

let db: Conn;
let cleanup: () => Promise<void>;
let fx: Fixture;
beforeEach(async () => {
  ({ db, cleanup } = await openTestDb());
  fx = await seedFixture(db);
});
afterEach(() => cleanup());

const input = {
  email: 'Nueva.Agente@Example.co',
  name: 'Nueva Agente',
  role: 'agent',
  password: 'Clave-larga-2026',
};

describe('createStaffUser', () => {
  it('lets an admin create an agent who can then sign in; the password is stored hashed', async () => {
    const { id } = await createStaffUser(makeCtx(db, fx.admin), { ...input, teamId: fx.teamId });
    const row = (await first(db.select().from(staffUsers).where(eq(staffUsers.id, id))))!;
    expect(row).toMatchObject({
      email: 'nueva.agente@example.co',
      role: 'agent',
      teamId: fx.teamId,
    });
    expect(row.passwordHash).toMatch(/^\$2[aby]\$/);
    expect(row.passwordHash).not.toContain(input.password);
    expect(
      await db.select().from(caseEvents).where(eq(caseEvents.action, 'staff_created')),
    ).toHaveLength(1);
    const signIn = await verifyCredentials(
      makeCtx(db, VISITOR),
      { email: input.email, password: input.password },
      { clientIp: '127.0.0.1' },
    );
    expect(signIn).toMatchObject({ ok: true, user: { id, role: 'agent' } });
  });

  it('refuses agents and supervisors', async () => {
    for (const actor of [fx.agent, fx.supervisor]) {
      expect((await captureAppError(() => createStaffUser(makeCtx(db, actor), input))).code).toBe(
        'FORBIDDEN',
      );
    }
  });

  it('refuses a duplicate email (any case), a short password and an unknown team, writing nothing', async () => {
    const before = await countRows(db, staffUsers);
    const duplicate = await captureAppError(() =>
      createStaffUser(makeCtx(db, fx.admin), { ...input, email: 'AGENTE@example.co' }),
    );
    expect(duplicate.fieldErrors).toEqual({ email: ['duplicate'] });
    const short = await captureAppError(() =>
      createStaffUser(makeCtx(db, fx.admin), { ...input, password: 'corta' }),
    );
    expect(short.fieldErrors?.password).toEqual(['tooShort']);
    const team = await captureAppError(() =>
      createStaffUser(makeCtx(db, fx.admin), { ...input, teamId: 999 }),
    );
    expect(team.fieldErrors).toEqual({ teamId: ['invalid'] });
    expect(await countRows(db, staffUsers)).toBe(before);
  });
});

describe('createTeam', () => {
  it('creates a team once and refuses the same name again', async () => {
    expect(
      (await createTeam(makeCtx(db, fx.admin), { name: 'Servicio Técnico' })).id,
    ).toBeGreaterThan(0);
    expect(
      (await captureAppError(() => createTeam(makeCtx(db, fx.admin), { name: 'Servicio Técnico' })))
        .fieldErrors,
    ).toEqual({
      name: ['duplicate'],
    });
  });
});
