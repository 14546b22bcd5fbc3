import 'server-only';
import { first, one } from '@/db/rows';
import { eq } from 'drizzle-orm';
import { teams } from '@/db/tables';
import { TeamSchema } from '@/lib/validation/staff';
import { withTransaction, type Ctx } from '../core/context';
import { AppError } from '../core/errors';
import { requireRole } from '../core/guard';
import { parseInput } from '../core/parse';
import { appendAdminEvent } from './admin-event';

/** A team (dependencia) with an optional supervisor; names are unique. */
export async function createTeam(ctx: Ctx, input: unknown) {
  requireRole(ctx.actor, 'admin');
  const data = parseInput(TeamSchema, input);
  return withTransaction(ctx, async (tx) => {
    if (await first(tx.db.select().from(teams).where(eq(teams.name, data.name)))) {
      throw new AppError('VALIDATION', 'team name taken', { fieldErrors: { name: ['duplicate'] } });
    }
    const team = await one(
      tx.db
        .insert(teams)
        .values({ name: data.name, supervisorId: data.supervisorId ?? null, createdAt: tx.now })
        .returning({ id: teams.id }),
    );
    await appendAdminEvent(tx, 'team_created', { teamId: team.id, name: data.name });
    return { id: team.id };
  });
}
