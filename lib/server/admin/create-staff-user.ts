import 'server-only';
import { first, one } from '@/db/rows';
import { eq, sql } from 'drizzle-orm';
import { staffUsers, teams } from '@/db/tables';
import { StaffUserSchema } from '@/lib/validation/staff';
import { hashPasswordSync } from '../auth/passwords';
import { withTransaction, type Ctx } from '../core/context';
import { AppError } from '../core/errors';
import { requireRole } from '../core/guard';
import { parseInput } from '../core/parse';
import { appendAdminEvent } from './admin-event';

/** Admins (and set-up scripts) create staff accounts; the password is stored only as a bcrypt hash. */
export async function createStaffUser(ctx: Ctx, input: unknown) {
  requireRole(ctx.actor, 'admin');
  const data = parseInput(StaffUserSchema, input);
  const passwordHash = hashPasswordSync(data.password);
  return withTransaction(ctx, async (tx) => {
    const taken = await first(
      tx.db
        .select({ id: staffUsers.id })
        .from(staffUsers)
        .where(eq(sql`lower(${staffUsers.email})`, data.email)),
    );
    if (taken) {
      throw new AppError('VALIDATION', 'email taken', { fieldErrors: { email: ['duplicate'] } });
    }
    if (
      data.teamId !== undefined &&
      !(await first(tx.db.select().from(teams).where(eq(teams.id, data.teamId))))
    ) {
      throw new AppError('VALIDATION', 'unknown team', { fieldErrors: { teamId: ['invalid'] } });
    }
    const user = await one(
      tx.db
        .insert(staffUsers)
        .values({
          email: data.email,
          name: data.name,
          role: data.role,
          teamId: data.teamId ?? null,
          passwordHash,
          createdAt: tx.now,
        })
        .returning({ id: staffUsers.id }),
    );
    await appendAdminEvent(tx, 'staff_created', {
      userId: user.id,
      email: data.email,
      role: data.role,
      teamId: data.teamId ?? null,
    });
    return { id: user.id };
  });
}
