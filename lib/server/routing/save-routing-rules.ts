import 'server-only';
import { one } from '@/db/rows';
import { eq } from 'drizzle-orm';
import { categories, routingRules, routingRuleSets, teams } from '@/db/tables';
import { RoutingRulesSchema } from '@/lib/validation/routing';
import { appendAdminEvent } from '../admin/admin-event';
import { withTransaction, type Ctx } from '../core/context';
import { AppError } from '../core/errors';
import { requireRole } from '../core/guard';
import { parseInput } from '../core/parse';

/**
 * Saves the routing rules as a new version in force from now (issue 14): cases filed before keep
 * the routing of their moment, and the timeline of each names the rule that sent it. Every team
 * and category must exist; the whole list is written or nothing is.
 */
export async function saveRoutingRules(ctx: Ctx, input: unknown): Promise<{ setId: number }> {
  requireRole(ctx.actor, 'admin');
  const data = parseInput(RoutingRulesSchema, input);
  return withTransaction(ctx, async (tx) => {
    const teamIds = new Set((await tx.db.select({ id: teams.id }).from(teams)).map((t) => t.id));
    const categoryIds = new Set(
      (
        await tx.db
          .select({ id: categories.id })
          .from(categories)
          .where(eq(categories.isActive, true))
      ).map((c) => c.id),
    );
    const fieldErrors: Record<string, string[]> = {};
    if (!teamIds.has(data.defaultTeamId)) fieldErrors.defaultTeamId = ['notFound'];
    data.rules.forEach((rule, i) => {
      if (!teamIds.has(rule.teamId)) fieldErrors[`rules.${i}.teamId`] = ['notFound'];
      if (rule.categoryId !== undefined && !categoryIds.has(rule.categoryId)) {
        fieldErrors[`rules.${i}.categoryId`] = ['notFound'];
      }
    });
    if (Object.keys(fieldErrors).length > 0) {
      throw new AppError('VALIDATION', 'unknown team or category', { fieldErrors });
    }
    const set = await one(
      tx.db
        .insert(routingRuleSets)
        .values({
          validFrom: tx.now,
          defaultTeamId: data.defaultTeamId,
          createdById: tx.actor.role === 'system' ? null : tx.actor.id,
          createdAt: tx.now,
        })
        .returning({ id: routingRuleSets.id }),
    );
    if (data.rules.length > 0) {
      await tx.db.insert(routingRules).values(
        data.rules.map((rule, position) => ({
          setId: set.id,
          position,
          name: rule.name,
          typeCode: rule.typeCode ?? null,
          channel: rule.channel ?? null,
          categoryId: rule.categoryId ?? null,
          priority: rule.priority ?? null,
          keywords: rule.keywords.length > 0 ? rule.keywords : null,
          teamId: rule.teamId,
        })),
      );
    }
    await appendAdminEvent(tx, 'routing_rules_saved', {
      setId: set.id,
      defaultTeamId: data.defaultTeamId,
      rules: data.rules.length,
    });
    return { setId: set.id };
  });
}
