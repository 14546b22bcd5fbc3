import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { caseEvents, organization, staffUsers, teams } from '@/db/schema';
import { verifyCredentials } from '../auth/verify-credentials';
import { createStaffUser } from './create-staff-user';
import { captureAppError, insertStaff, seedFixture, type Fixture } from '../testing/fixtures';
import { createTestDb } from '../testing/test-db';
import { updateOrganizationProfile } from './organization-profile';
import { listStaff, resetStaffPassword, setStaffActive, updateStaffUser } from './people';
import { createTeamWithSupervisor, listTeams, updateTeam } from './teams';

let db: Db;
let cleanup: () => void;
let fx: Fixture;
beforeEach(async () => {
  ({ db, cleanup } = createTestDb());
  fx = seedFixture(db);
});
afterEach(() => cleanup());

const events = (action: string) =>
  db.select().from(caseEvents).where(eq(caseEvents.action, action)).all();
const signIn = (email: string, password: string) =>
  verifyCredentials({ email, password }, '127.0.0.1', { db });

describe('staff users', () => {
  it('creates, edits, deactivates, reactivates and resets a password, each audited', async () => {
    const { id } = createStaffUser(
      {
        email: 'nuevo@example.co',
        name: 'Nuevo Agente',
        role: 'agent',
        password: 'Clave-2026-larga',
      },
      fx.admin,
      { db },
    );
    expect(listStaff(fx.admin, { db }).find((r) => r.id === id)).toMatchObject({
      role: 'agent',
      isActive: true,
    });

    updateStaffUser({ userId: id, role: 'supervisor', teamId: String(fx.otherTeamId) }, fx.admin, {
      db,
    });
    const row = db.select().from(staffUsers).where(eq(staffUsers.id, id)).get()!;
    expect(row).toMatchObject({ role: 'supervisor', teamId: fx.otherTeamId });
    expect(events('staff_updated')[0]?.data).toMatchObject({
      userId: id,
      before: { role: 'agent', teamId: null },
      after: { role: 'supervisor', teamId: fx.otherTeamId },
    });

    setStaffActive({ userId: id, isActive: 'false' }, fx.admin, { db });
    expect(await signIn('nuevo@example.co', 'Clave-2026-larga')).toMatchObject({ ok: false });
    expect(events('staff_deactivated')).toHaveLength(1);
    setStaffActive({ userId: id, isActive: 'true' }, fx.admin, { db });
    expect(events('staff_reactivated')).toHaveLength(1);
    expect(await signIn('nuevo@example.co', 'Clave-2026-larga')).toMatchObject({ ok: true });

    resetStaffPassword({ userId: id, password: 'Otra-clave-nueva-99' }, fx.admin, { db });
    expect(await signIn('nuevo@example.co', 'Otra-clave-nueva-99')).toMatchObject({ ok: true });
    expect(await signIn('nuevo@example.co', 'Clave-2026-larga')).toMatchObject({ ok: false });
    const reset = events('password_reset');
    expect(reset).toHaveLength(1);
    const stored = JSON.stringify(reset[0]);
    expect(stored).not.toContain('Otra-clave-nueva-99');
    expect(stored).not.toContain(
      db.select().from(staffUsers).where(eq(staffUsers.id, id)).get()!.passwordHash,
    );
  });

  it('refuses an admin deactivating or demoting themself, with a field error', async () => {
    const off = await captureAppError(() =>
      setStaffActive({ userId: fx.admin.id, isActive: false }, fx.admin, { db }),
    );
    expect(off.code).toBe('VALIDATION');
    expect(off.fieldErrors).toEqual({ isActive: ['selfDeactivate'] });
    const demote = await captureAppError(() =>
      updateStaffUser({ userId: fx.admin.id, role: 'agent' }, fx.admin, { db }),
    );
    expect(demote.fieldErrors).toEqual({ role: ['selfDemote'] });
    expect(db.select().from(staffUsers).where(eq(staffUsers.id, fx.admin.id)).get()).toMatchObject({
      role: 'admin',
      isActive: true,
    });
  });

  it('refuses an unknown team and a short reset password', async () => {
    expect(
      (
        await captureAppError(() =>
          updateStaffUser({ userId: fx.agent.id, role: 'agent', teamId: 999 }, fx.admin, { db }),
        )
      ).fieldErrors,
    ).toEqual({ teamId: ['invalid'] });
    expect(
      (
        await captureAppError(() =>
          resetStaffPassword({ userId: fx.agent.id, password: 'corta' }, fx.admin, { db }),
        )
      ).fieldErrors?.password,
    ).toEqual(['tooShort']);
  });

  it('refuses agents and supervisors on every people, team and profile use case', async () => {
    for (const actor of [fx.agent, fx.supervisor]) {
      const calls = [
        () => listStaff(actor, { db }),
        () => updateStaffUser({ userId: fx.agent.id, role: 'admin' }, actor, { db }),
        () => setStaffActive({ userId: fx.otherAgent.id, isActive: false }, actor, { db }),
        () => resetStaffPassword({ userId: fx.admin.id, password: 'x'.repeat(12) }, actor, { db }),
        () => listTeams(actor, { db }),
        () => createTeamWithSupervisor({ name: 'Nueva dependencia' }, actor, { db }),
        () => updateTeam({ teamId: fx.teamId, name: 'Otro nombre' }, actor, { db }),
        () => updateOrganizationProfile({}, actor, { db }),
      ];
      for (const call of calls) expect((await captureAppError(call)).code).toBe('FORBIDDEN');
    }
    expect(
      db.select().from(staffUsers).where(eq(staffUsers.id, fx.otherAgent.id)).get()?.isActive,
    ).toBe(true);
  });
});

describe('teams', () => {
  it('creates and renames a team with a supervisor, audited; duplicates are field errors', async () => {
    const { id } = createTeamWithSupervisor(
      { name: 'Servicio Técnico', supervisorId: String(fx.supervisor.id) },
      fx.admin,
      { db },
    );
    expect(events('team_created')).toHaveLength(1);
    expect(
      (
        await captureAppError(() =>
          createTeamWithSupervisor({ name: 'Servicio Técnico' }, fx.admin, { db }),
        )
      ).fieldErrors,
    ).toEqual({ name: ['duplicate'] });
    const rename = await captureAppError(() =>
      updateTeam({ teamId: id, name: 'facturación' }, fx.admin, { db }),
    );
    expect(rename.code).toBe('VALIDATION');
    expect(rename.fieldErrors).toEqual({ name: ['duplicate'] });

    updateTeam({ teamId: id, name: 'Soporte Técnico', supervisorId: fx.admin.id }, fx.admin, {
      db,
    });
    expect(db.select().from(teams).where(eq(teams.id, id)).get()).toMatchObject({
      name: 'Soporte Técnico',
      supervisorId: fx.admin.id,
    });
    expect(events('team_updated')[0]?.data).toMatchObject({
      before: { name: 'Servicio Técnico', supervisorId: fx.supervisor.id },
      after: { name: 'Soporte Técnico', supervisorId: fx.admin.id },
    });
    expect(listTeams(fx.admin, { db }).find((t) => t.id === id)?.supervisorName).toBe('admin');
  });

  it('refuses an agent or an inactive supervisor as a team supervisor', async () => {
    const inactive = insertStaff(db, {
      email: 'ex@example.co',
      role: 'supervisor',
      isActive: false,
    });
    for (const supervisorId of [fx.agent.id, inactive.id, 999]) {
      expect(
        (
          await captureAppError(() =>
            updateTeam({ teamId: fx.teamId, name: 'Facturación', supervisorId }, fx.admin, { db }),
          )
        ).fieldErrors,
      ).toEqual({ supervisorId: ['supervisorRole'] });
      expect(
        (
          await captureAppError(() =>
            createTeamWithSupervisor({ name: 'Cartera', supervisorId }, fx.admin, { db }),
          )
        ).fieldErrors,
      ).toEqual({ supervisorId: ['supervisorRole'] });
    }
    expect(events('team_updated')).toHaveLength(0);
  });
});

describe('organisation profile', () => {
  const profile = {
    name: 'Acueducto de Ejemplo S.A. E.S.P.',
    taxId: '900123456-7',
    radicadoPrefix: 'ACU',
    privacyPolicyText: 'Tratamos sus datos según la Ley 1581 de 2012.',
    privacyPolicyVersion: '2',
  };

  it('saves a valid profile and audits the changed fields with before and after', async () => {
    expect(updateOrganizationProfile(profile, fx.admin, { db }).changed).toHaveLength(5);
    expect(db.select().from(organization).get()).toMatchObject(profile);
    updateOrganizationProfile({ ...profile, radicadoPrefix: 'AGUA' }, fx.admin, { db });
    const audited = events('organization_updated');
    expect(audited).toHaveLength(2);
    expect(audited[1]?.data).toEqual({
      before: { radicadoPrefix: 'ACU' },
      after: { radicadoPrefix: 'AGUA' },
    });
  });

  it('refuses a bad NIT, a bad prefix and a changed policy text under the same version', async () => {
    updateOrganizationProfile(profile, fx.admin, { db });
    for (const taxId of ['90012345', '900.123.456-7', '900123456-78', 'abc']) {
      expect(
        (
          await captureAppError(() =>
            updateOrganizationProfile({ ...profile, taxId }, fx.admin, { db }),
          )
        ).fieldErrors,
      ).toEqual({ taxId: ['nit'] });
    }
    for (const radicadoPrefix of ['A', 'pqrs', 'PQRS1', 'ABCDEFGHIJK']) {
      expect(
        (
          await captureAppError(() =>
            updateOrganizationProfile({ ...profile, radicadoPrefix }, fx.admin, { db }),
          )
        ).fieldErrors,
      ).toEqual({ radicadoPrefix: ['radicadoPrefix'] });
    }
    const sameVersion = await captureAppError(() =>
      updateOrganizationProfile({ ...profile, privacyPolicyText: 'Texto nuevo' }, fx.admin, { db }),
    );
    expect(sameVersion.code).toBe('VALIDATION');
    expect(sameVersion.fieldErrors).toEqual({ privacyPolicyVersion: ['policyVersionUnchanged'] });
    expect(events('organization_updated')).toHaveLength(1);
    updateOrganizationProfile(
      { ...profile, privacyPolicyText: 'Texto nuevo', privacyPolicyVersion: '3' },
      fx.admin,
      { db },
    );
    expect(db.select().from(organization).get()?.privacyPolicyVersion).toBe('3');
  });
});
