import 'server-only';
import { first } from '@/db/rows';
import { asc, desc, eq } from 'drizzle-orm';
import { staffUsers, teams } from '@/db/tables';
import { StaffMemberIdSchema } from '@/lib/validation/admin-people';
import type { Ctx } from '../core/context';
import { AppError } from '../core/errors';
import { requireRole } from '../core/guard';
import { parseInput } from '../core/parse';

export interface StaffListRow {
  id: number;
  name: string;
  email: string;
  role: 'agent' | 'supervisor' | 'admin';
  teamId: number | null;
  teamName: string | null;
  isActive: boolean;
  lastSignInAt: Date | null;
}

const staffColumns = {
  id: staffUsers.id,
  name: staffUsers.name,
  email: staffUsers.email,
  role: staffUsers.role,
  teamId: staffUsers.teamId,
  teamName: teams.name,
  isActive: staffUsers.isActive,
  lastSignInAt: staffUsers.lastSignInAt,
};

/** Everyone on the staff, active first, by name: only admins manage people. */
export async function listStaff(ctx: Ctx): Promise<StaffListRow[]> {
  requireRole(ctx.actor, 'admin');
  return await ctx.db
    .select(staffColumns)
    .from(staffUsers)
    .leftJoin(teams, eq(teams.id, staffUsers.teamId))
    .orderBy(desc(staffUsers.isActive), asc(staffUsers.name));
}

/** One staff member (`{ id }`), or NOT_FOUND. */
export async function getStaffMember(ctx: Ctx, input: unknown): Promise<StaffListRow> {
  requireRole(ctx.actor, 'admin');
  const { id } = parseInput(StaffMemberIdSchema, input);
  const row = await first(
    ctx.db
      .select(staffColumns)
      .from(staffUsers)
      .leftJoin(teams, eq(teams.id, staffUsers.teamId))
      .where(eq(staffUsers.id, id)),
  );
  if (!row) throw new AppError('NOT_FOUND', 'no such staff member');
  return row;
}
