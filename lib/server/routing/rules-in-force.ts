import 'server-only';
import { instantParam } from '@/db/dialect';
import { asc, desc, eq, lte, sql } from 'drizzle-orm';
import { sqliteOf, type Conn } from '@/db/client';
import { routingRules, routingRuleSets } from '@/db/tables';
import type { RoutingRule } from '@/lib/domain/routing';
import { preparedQuery } from '../core/prepared';

export interface RuleSet {
  id: number;
  validFrom: Date;
  defaultTeamId: number;
  rules: RoutingRule[];
}

/**
 * A saved set never changes (a change is a new set), so its rules are read once per connection:
 * intake then costs one indexed look-up of the set in force.
 */
const loaded = new WeakMap<object, { setId: number; rules: RoutingRule[] }>();

// Every filing asks which set is in force: built once per connection. A placeholder in a
// condition is bound as is: the instant as stored (epoch ms).
const setInForce = preparedQuery((db) =>
  db
    .select({
      id: routingRuleSets.id,
      validFrom: routingRuleSets.validFrom,
      defaultTeamId: routingRuleSets.defaultTeamId,
    })
    .from(routingRuleSets)
    .where(lte(routingRuleSets.validFrom, sql.placeholder('now')))
    .orderBy(desc(routingRuleSets.validFrom), desc(routingRuleSets.id))
    .limit(1)
    .prepare(),
);

/** The routing rules in force at `now` (the latest set from before it), or null when none was ever saved. */
export async function rulesInForce(db: Conn, now: Date): Promise<RuleSet | null> {
  const set = await setInForce(db).get({ now: instantParam(now) });
  if (!set) return null;
  const client = sqliteOf(db);
  const cached = loaded.get(client);
  if (cached?.setId === set.id) return { ...set, rules: cached.rules };
  const rules = await db
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
    .orderBy(asc(routingRules.position));
  loaded.set(client, { setId: set.id, rules });
  return { ...set, rules };
}
