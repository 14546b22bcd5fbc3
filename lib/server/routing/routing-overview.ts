import 'server-only';
import { first } from '@/db/rows';
import { and, asc, count, eq } from 'drizzle-orm';
import { categories, routingRuleSets, staffUsers, teams } from '@/db/tables';
import type { AssignmentMode } from '@/lib/domain/enums';
import type { RoutingRule } from '@/lib/domain/routing';
import type { Ctx } from '../core/context';
import { requireRole } from '../core/guard';
import { rulesInForce } from './rules-in-force';

export interface RoutingOverview {
  /** The version in force, or null before the first save (new cases then have no team). */
  current: {
    setId: number;
    validFrom: Date;
    createdByName: string | null;
    defaultTeamId: number;
    rules: RoutingRule[];
  } | null;
  versions: number;
  teams: {
    id: number;
    name: string;
    mode: AssignmentMode;
    agents: { id: number; name: string; isAvailable: boolean }[];
  }[];
  categories: { id: number; name: string }[];
}

/** What the routing page shows: the rules in force, each team's mode and who is available. */
export async function routingOverview(ctx: Ctx): Promise<RoutingOverview> {
  requireRole(ctx.actor, 'admin');
  const { db } = ctx;
  const set = await rulesInForce(db, ctx.now);
  const author = set
    ? await first(
        db
          .select({ name: staffUsers.name })
          .from(routingRuleSets)
          .leftJoin(staffUsers, eq(staffUsers.id, routingRuleSets.createdById))
          .where(eq(routingRuleSets.id, set.id)),
      )
    : undefined;
  const agents = await db
    .select({
      id: staffUsers.id,
      name: staffUsers.name,
      teamId: staffUsers.teamId,
      isAvailable: staffUsers.isAvailable,
    })
    .from(staffUsers)
    .where(and(eq(staffUsers.role, 'agent'), eq(staffUsers.isActive, true)))
    .orderBy(asc(staffUsers.name));
  return {
    current: set
      ? {
          setId: set.id,
          validFrom: set.validFrom,
          createdByName: author?.name ?? null,
          defaultTeamId: set.defaultTeamId,
          rules: set.rules,
        }
      : null,
    versions: (await first(db.select({ n: count() }).from(routingRuleSets)))?.n ?? 0,
    teams: (
      await db
        .select({ id: teams.id, name: teams.name, mode: teams.assignmentMode })
        .from(teams)
        .orderBy(asc(teams.name))
    ).map((team) => ({
      ...team,
      agents: agents
        .filter((a) => a.teamId === team.id)
        .map(({ id, name, isAvailable }) => ({ id, name, isAvailable })),
    })),
    categories: await db
      .select({ id: categories.id, name: categories.name })
      .from(categories)
      .where(eq(categories.isActive, true))
      .orderBy(asc(categories.name)),
  };
}
