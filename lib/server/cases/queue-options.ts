import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { preparedQuery } from '../core/prepared';
import type { Conn } from '@/db/client';
import type { Ctx } from '../core/context';
import { processes, staffUsers, teams } from '@/db/tables';

/** The choices the queue filters offer. */
export async function queueFilterOptions(ctx: Ctx) {
  return await filterOptions(ctx.db);
}

const teamList = preparedQuery((db) =>
  db.select({ id: teams.id, name: teams.name }).from(teams).orderBy(asc(teams.name)).prepare(),
);
const activeStaff = preparedQuery((db) =>
  db
    .select({ id: staffUsers.id, name: staffUsers.name })
    .from(staffUsers)
    .where(eq(staffUsers.isActive, true))
    .orderBy(asc(staffUsers.name))
    .prepare(),
);
const activeProcesses = preparedQuery((db) =>
  db
    .select({ id: processes.id, name: processes.name })
    .from(processes)
    .where(eq(processes.isActive, true))
    .orderBy(asc(processes.name))
    .prepare(),
);

/** The same lists, synchronously, for a read that composes them (the staff case page). */
export async function filterOptions(db: Conn) {
  return {
    teams: await teamList(db).all(),
    staff: await activeStaff(db).all(),
    processes: await activeProcesses(db).all(),
  };
}
