import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { CASE_TYPES, CHANNELS, PRIORITIES } from '../../lib/domain/enums';
import { categories } from './catalog';
import { createdAt, instant } from './columns';
import { staffUsers, teams } from './people';

/**
 * Routing is versioned like legal terms (issue 14): every change saves a whole new set, in force
 * from its instant, so each case was routed by the rules of its moment and the record says which.
 */
export const routingRuleSets = sqliteTable(
  'routing_rule_sets',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    validFrom: instant('valid_from').notNull(),
    /** Catches every case no rule matches: no case is ever without a team. */
    defaultTeamId: integer('default_team_id')
      .notNull()
      .references(() => teams.id),
    createdById: integer('created_by_id').references(() => staffUsers.id),
    createdAt: createdAt(),
  },
  (t) => [index('routing_rule_sets_valid_idx').on(t.validFrom)],
);

/** One ordered rule: every condition it sets must match (unset = any); the first match wins. */
export const routingRules = sqliteTable(
  'routing_rules',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    setId: integer('set_id')
      .notNull()
      .references(() => routingRuleSets.id),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    typeCode: text('type_code', { enum: CASE_TYPES }),
    channel: text('channel', { enum: CHANNELS }),
    categoryId: integer('category_id').references(() => categories.id),
    priority: text('priority', { enum: PRIORITIES }),
    /** Lower-cased words, JSON array; any one in the subject or description matches. */
    keywords: text('keywords', { mode: 'json' }).$type<string[]>(),
    teamId: integer('team_id')
      .notNull()
      .references(() => teams.id),
  },
  (t) => [index('routing_rules_set_idx').on(t.setId, t.position)],
);
