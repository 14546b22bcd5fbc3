import { first } from '@/db/rows';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conn } from '@/db/client';
import { caseEvents, organization, staffUsers, teams } from '@/db/tables';
import { verifyCredentials } from '../auth/verify-credentials';
import { createStaffUser } from './create-staff-user';
import { captureAppError, insertStaff, seedFixture, type Fixture } from '../testing/fixtures';
import { openTestDb } from '../testing/test-db';
import { updateOrganizationProfile } from './organization-profile';
import { listStaff } from './list-staff';
import { resetStaffPassword } from './reset-staff-password';
import { setStaffActive } from './set-staff-active';
import { updateStaffUser } from './update-staff-user';
import { createTeamWithSupervisor, listTeams, updateTeam } from './teams';
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

const events = async (action: string) =>
  await db.select().from(caseEvents).where(eq(caseEvents.action, action));
const signIn = (email: string, password: string) =>
  verifyCredentials(makeCtx(db, VISITOR), { email, password }, { clientIp: '127.0.0.1' });

describe('staff users', () => {
  it('creates, edits, deactivates, reactivates and resets a password, each audited', async () => {
    const { id } = await createStaffUser(makeCtx(db, fx.admin), {
      email: 'nuevo@example.co',
      name: 'Nuevo Agente',
      role: 'agent',
      password: 'Clave-2026-larga',
    });
    expect((await listStaff(makeCtx(db, fx.admin))).find((r) => r.id === id)).toMatchObject({
      role: 'agent',
      isActive: true,
    });

    await updateStaffUser(makeCtx(db, fx.admin), {
      userId: id,
      role: 'supervisor',
      teamId: String(fx.otherTeamId),
    });
    const row = (await first(db.select().from(staffUsers).where(eq(staffUsers.id, id))))!;
    expect(row).toMatchObject({ role: 'supervisor', teamId: fx.otherTeamId });
    expect((await events('staff_updated'))[0]?.data).toMatchObject({
      userId: id,
      before: { role: 'agent', teamId: null },
      after: { role: 'supervisor', teamId: fx.otherTeamId },
    });

    await setStaffActive(makeCtx(db, fx.admin), { userId: id, isActive: 'false' });
    expect(await signIn('nuevo@example.co', 'Clave-2026-larga')).toMatchObject({ ok: false });
    expect(await events('staff_deactivated')).toHaveLength(1);
    await setStaffActive(makeCtx(db, fx.admin), { userId: id, isActive: 'true' });
    expect(await events('staff_reactivated')).toHaveLength(1);
    expect(await signIn('nuevo@example.co', 'Clave-2026-larga')).toMatchObject({ ok: true });

    await resetStaffPassword(makeCtx(db, fx.admin), {
      userId: id,
      password: 'Otra-clave-nueva-99',
    });
    expect(await signIn('nuevo@example.co', 'Otra-clave-nueva-99')).toMatchObject({ ok: true });
    expect(await signIn('nuevo@example.co', 'Clave-2026-larga')).toMatchObject({ ok: false });
    const reset = await events('password_reset');
    expect(reset).toHaveLength(1);
    const stored = JSON.stringify(reset[0]);
    expect(stored).not.toContain('Otra-clave-nueva-99');
    expect(stored).not.toContain(
      (await first(db.select().from(staffUsers).where(eq(staffUsers.id, id))))!.passwordHash,
    );
  });

  it('refuses an admin deactivating or demoting themself, with a field error', async () => {
    const off = await captureAppError(() =>
      setStaffActive(makeCtx(db, fx.admin), { userId: fx.admin.id, isActive: false }),
    );
    expect(off.code).toBe('VALIDATION');
    expect(off.fieldErrors).toEqual({ isActive: ['selfDeactivate'] });
    const demote = await captureAppError(() =>
      updateStaffUser(makeCtx(db, fx.admin), { userId: fx.admin.id, role: 'agent' }),
    );
    expect(demote.fieldErrors).toEqual({ role: ['selfDemote'] });
    expect(
      await first(db.select().from(staffUsers).where(eq(staffUsers.id, fx.admin.id))),
    ).toMatchObject({
      role: 'admin',
      isActive: true,
    });
  });

  it('refuses an unknown team and a short reset password', async () => {
    expect(
      (
        await captureAppError(() =>
          updateStaffUser(makeCtx(db, fx.admin), {
            userId: fx.agent.id,
            role: 'agent',
            teamId: 999,
          }),
        )
      ).fieldErrors,
    ).toEqual({ teamId: ['invalid'] });
    expect(
      (
        await captureAppError(() =>
          resetStaffPassword(makeCtx(db, fx.admin), { userId: fx.agent.id, password: 'corta' }),
        )
      ).fieldErrors?.password,
    ).toEqual(['tooShort']);
  });

  it('refuses agents and supervisors on every people, team and profile use case', async () => {
    for (const actor of [fx.agent, fx.supervisor]) {
      const calls = [
        () => listStaff(makeCtx(db, actor)),
        () => updateStaffUser(makeCtx(db, actor), { userId: fx.agent.id, role: 'admin' }),
        () => setStaffActive(makeCtx(db, actor), { userId: fx.otherAgent.id, isActive: false }),
        () =>
          resetStaffPassword(makeCtx(db, actor), { userId: fx.admin.id, password: 'x'.repeat(12) }),
        () => listTeams(makeCtx(db, actor)),
        () => createTeamWithSupervisor(makeCtx(db, actor), { name: 'Nueva dependencia' }),
        () => updateTeam(makeCtx(db, actor), { teamId: fx.teamId, name: 'Otro nombre' }),
        () => updateOrganizationProfile(makeCtx(db, actor), {}),
      ];
      for (const call of calls) expect((await captureAppError(call)).code).toBe('FORBIDDEN');
    }
    expect(
      (await first(db.select().from(staffUsers).where(eq(staffUsers.id, fx.otherAgent.id))))
        ?.isActive,
    ).toBe(true);
  });
});

describe('teams', () => {
  it('creates and renames a team with a supervisor, audited; duplicates are field errors', async () => {
    const { id } = await createTeamWithSupervisor(makeCtx(db, fx.admin), {
      name: 'Servicio Técnico',
      supervisorId: String(fx.supervisor.id),
    });
    expect(await events('team_created')).toHaveLength(1);
    expect(
      (
        await captureAppError(() =>
          createTeamWithSupervisor(makeCtx(db, fx.admin), { name: 'Servicio Técnico' }),
        )
      ).fieldErrors,
    ).toEqual({ name: ['duplicate'] });
    const rename = await captureAppError(() =>
      updateTeam(makeCtx(db, fx.admin), { teamId: id, name: 'facturación' }),
    );
    expect(rename.code).toBe('VALIDATION');
    expect(rename.fieldErrors).toEqual({ name: ['duplicate'] });

    await updateTeam(makeCtx(db, fx.admin), {
      teamId: id,
      name: 'Soporte Técnico',
      supervisorId: fx.admin.id,
    });
    expect(await first(db.select().from(teams).where(eq(teams.id, id)))).toMatchObject({
      name: 'Soporte Técnico',
      supervisorId: fx.admin.id,
    });
    expect((await events('team_updated'))[0]?.data).toMatchObject({
      before: { name: 'Servicio Técnico', supervisorId: fx.supervisor.id },
      after: { name: 'Soporte Técnico', supervisorId: fx.admin.id },
    });
    expect((await listTeams(makeCtx(db, fx.admin))).find((t) => t.id === id)?.supervisorName).toBe(
      'admin',
    );
  });

  it('refuses an agent or an inactive supervisor as a team supervisor', async () => {
    const inactive = await insertStaff(db, {
      email: 'ex@example.co',
      role: 'supervisor',
      isActive: false,
    });
    for (const supervisorId of [fx.agent.id, inactive.id, 999]) {
      expect(
        (
          await captureAppError(() =>
            updateTeam(makeCtx(db, fx.admin), {
              teamId: fx.teamId,
              name: 'Facturación',
              supervisorId,
            }),
          )
        ).fieldErrors,
      ).toEqual({ supervisorId: ['supervisorRole'] });
      expect(
        (
          await captureAppError(() =>
            createTeamWithSupervisor(makeCtx(db, fx.admin), { name: 'Cartera', supervisorId }),
          )
        ).fieldErrors,
      ).toEqual({ supervisorId: ['supervisorRole'] });
    }
    expect(await events('team_updated')).toHaveLength(0);
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
    expect((await updateOrganizationProfile(makeCtx(db, fx.admin), profile)).changed).toHaveLength(
      5,
    );
    expect(await first(db.select().from(organization))).toMatchObject(profile);
    await updateOrganizationProfile(makeCtx(db, fx.admin), { ...profile, radicadoPrefix: 'AGUA' });
    const audited = await events('organization_updated');
    expect(audited).toHaveLength(2);
    expect(audited[1]?.data).toEqual({
      before: { radicadoPrefix: 'ACU' },
      after: { radicadoPrefix: 'AGUA' },
    });
  });

  it('refuses a bad NIT, a bad prefix and a changed policy text under the same version', async () => {
    await updateOrganizationProfile(makeCtx(db, fx.admin), profile);
    for (const taxId of ['90012345', '900.123.456-7', '900123456-78', 'abc']) {
      expect(
        (
          await captureAppError(() =>
            updateOrganizationProfile(makeCtx(db, fx.admin), { ...profile, taxId }),
          )
        ).fieldErrors,
      ).toEqual({ taxId: ['nit'] });
    }
    for (const radicadoPrefix of ['A', 'pqrs', 'PQRS1', 'ABCDEFGHIJK']) {
      expect(
        (
          await captureAppError(() =>
            updateOrganizationProfile(makeCtx(db, fx.admin), { ...profile, radicadoPrefix }),
          )
        ).fieldErrors,
      ).toEqual({ radicadoPrefix: ['radicadoPrefix'] });
    }
    const sameVersion = await captureAppError(() =>
      updateOrganizationProfile(makeCtx(db, fx.admin), {
        ...profile,
        privacyPolicyText: 'Texto nuevo',
      }),
    );
    expect(sameVersion.code).toBe('VALIDATION');
    expect(sameVersion.fieldErrors).toEqual({ privacyPolicyVersion: ['policyVersionUnchanged'] });
    expect(await events('organization_updated')).toHaveLength(1);
    await updateOrganizationProfile(makeCtx(db, fx.admin), {
      ...profile,
      privacyPolicyText: 'Texto nuevo',
      privacyPolicyVersion: '3',
    });
    expect((await first(db.select().from(organization)))?.privacyPolicyVersion).toBe('3');
  });
});
