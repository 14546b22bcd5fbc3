/**
 * The catalog as the seeds need it (ids, teams, who works where), read back from the database so
 * the scale seed also works on a catalog an admin has edited.
 */
import { asc } from 'drizzle-orm';
import type { Db } from '@/db/client';
import {
  categories,
  organization,
  processes,
  rootCauses,
  staffUsers,
  teams,
  templates,
} from '@/db/schema';
import type { CaseType, StaffRole } from '@/lib/domain/enums';
import { PROCESSES, TEAMS, type TeamKey } from './catalog';

export interface SeedStaff {
  role: StaffRole;
  id: number;
  teamId: number | null;
  name: string;
}

export interface SeedProcess {
  id: number;
  name: string;
  teamId: number;
  rootCauseIds: number[];
}

export interface SeedCatalog {
  radicadoPrefix: string;
  privacyPolicyVersion: string;
  teamIds: number[];
  teamIdByKey: Partial<Record<TeamKey, number>>;
  /** teams.supervisor_id, where set. */
  supervisorIdByTeam: Map<number, number>;
  admin: SeedStaff;
  supervisors: SeedStaff[];
  agents: SeedStaff[];
  processes: SeedProcess[];
  processByName: Map<string, SeedProcess>;
  categoryIds: number[];
  templates: { id: number; name: string; typeCode: CaseType | null; body: string }[];
}

export function readCatalog(db: Db): SeedCatalog {
  const org = db.select().from(organization).get();
  if (!org) throw new Error('The catalog is missing: insert it first (insertCatalog).');
  const teamRows = db.select().from(teams).orderBy(asc(teams.id)).all();
  const staff = db
    .select({
      id: staffUsers.id,
      role: staffUsers.role,
      teamId: staffUsers.teamId,
      name: staffUsers.name,
      isActive: staffUsers.isActive,
    })
    .from(staffUsers)
    .orderBy(asc(staffUsers.id))
    .all()
    .filter((s) => s.isActive);
  const byRole = (role: StaffRole): SeedStaff[] =>
    staff
      .filter((s) => s.role === role)
      .map(({ id, teamId, name }) => ({ role, id, teamId, name }));
  const admin = byRole('admin')[0];
  const agents = byRole('agent');
  if (!admin || agents.length === 0 || teamRows.length === 0) {
    throw new Error('The catalog needs an admin, at least one team and at least one agent.');
  }
  const teamIdByKey: Partial<Record<TeamKey, number>> = {};
  for (const team of TEAMS) {
    const row = teamRows.find((t) => t.name === team.name);
    if (row) teamIdByKey[team.key] = row.id;
  }
  const causes = db.select().from(rootCauses).orderBy(asc(rootCauses.id)).all();
  const processRows = db.select().from(processes).orderBy(asc(processes.id)).all();
  const fallbackTeam = teamRows[0]!.id;
  const seedProcesses = processRows
    .filter((p) => p.isActive)
    .map((p, i): SeedProcess => {
      const known = PROCESSES.find((k) => k.name === p.name);
      const teamId =
        (known && teamIdByKey[known.team]) ?? teamRows[i % teamRows.length]?.id ?? fallbackTeam;
      return {
        id: p.id,
        name: p.name,
        teamId,
        rootCauseIds: causes.filter((c) => c.processId === p.id && c.isActive).map((c) => c.id),
      };
    })
    .filter((p) => p.rootCauseIds.length > 0);
  return {
    radicadoPrefix: org.radicadoPrefix,
    privacyPolicyVersion: org.privacyPolicyVersion,
    teamIds: teamRows.map((t) => t.id),
    teamIdByKey,
    supervisorIdByTeam: new Map(
      teamRows.flatMap((t) => (t.supervisorId === null ? [] : [[t.id, t.supervisorId] as const])),
    ),
    admin,
    supervisors: byRole('supervisor'),
    agents,
    processes: seedProcesses,
    processByName: new Map(seedProcesses.map((p) => [p.name, p])),
    categoryIds: db
      .select({ id: categories.id })
      .from(categories)
      .all()
      .map((c) => c.id),
    templates: db
      .select({
        id: templates.id,
        name: templates.name,
        typeCode: templates.typeCode,
        body: templates.body,
      })
      .from(templates)
      .all(),
  };
}

/** Agents of a team, or every agent when the team has none. */
export function agentsOf(catalog: SeedCatalog, teamId: number): SeedStaff[] {
  const members = catalog.agents.filter((a) => a.teamId === teamId);
  return members.length > 0 ? members : catalog.agents;
}

/** The supervisor of a team (its own, else any supervisor, else the admin). */
export function supervisorOf(catalog: SeedCatalog, teamId: number): SeedStaff {
  const id = catalog.supervisorIdByTeam.get(teamId);
  return (
    catalog.supervisors.find((s) => s.id === id) ??
    catalog.supervisors.find((s) => s.teamId === teamId) ??
    catalog.supervisors[0] ??
    catalog.admin
  );
}
