import 'server-only';
import { asc, desc, eq, lte } from 'drizzle-orm';
import type { Conn } from '@/db/client';
import { routingRules, routingRuleSets } from '@/db/schema';
import type { RoutingRule } from '@/lib/domain/routing';

export interface RuleSet {
  id: number;
  validFrom: Date;
  defaultTeamId: number;
  rules: RoutingRule[];
}

/** The routing rules in force at `now` (the latest set from before it), or null when none was ever saved. */
export function rulesInForce(db: Conn, now: Date): RuleSet | null {
  const set = db
    .select({
      id: routingRuleSets.id,
      validFrom: routingRuleSets.validFrom,
      defaultTeamId: routingRuleSets.defaultTeamId,
    })
    .from(routingRuleSets)
    .where(lte(routingRuleSets.validFrom, now))
    .orderBy(desc(routingRuleSets.validFrom), desc(routingRuleSets.id))
    .limit(1)
    .get();
  if (!set) return null;
  const rules = db
    .select({
      id: routingRules.id,
      name: routingRules.name,
      typeCode: routingRules.typeCode,
      channel: routingRules.channel,
      categoryId: routingRules.categoryId,
      priority: routingRules.priority,
      keywords: routingRules.keywords,
      teamId: routingRules.teamId,
    })
    .from(routingRules)
    .where(eq(routingRules.setId, set.id))
    .orderBy(asc(routingRules.position))
    .all();
  return { ...set, rules };
}
