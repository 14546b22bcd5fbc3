import { z } from 'zod';
import { ASSIGNMENT_MODES, CASE_TYPES, CHANNELS, PRIORITIES } from '../domain/enums';
import { id, requiredText } from './fields';

export const ROUTING_LIMITS = { rules: 500, keywords: 20, keywordLength: 60 } as const;

/** A select left on "any" sends an empty string: the condition is not set. */
const any = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' || v === null ? undefined : v), schema.optional());

/** "cobro, doble facturación" → ["cobro", "doble facturación"]; a list passes as it is. */
function wordList(v: unknown): unknown {
  const items: unknown = typeof v === 'string' ? v.split(/[,;\n]/) : v == null ? [] : v;
  if (!Array.isArray(items)) return items;
  return items
    .map((w: unknown) => (typeof w === 'string' ? w.trim() : w))
    .filter((w: unknown) => w !== '');
}
const keywords = z.preprocess(
  wordList,
  z
    .array(z.string().max(ROUTING_LIMITS.keywordLength, { error: 'tooLong' }), { error: 'invalid' })
    .max(ROUTING_LIMITS.keywords, { error: 'tooMany' }),
);

/** One rule: at least one condition, and the team it sends matching cases to. */
export const RoutingRuleSchema = z
  .object({
    name: requiredText(2, 80),
    typeCode: any(z.enum(CASE_TYPES, { error: 'invalid' })),
    channel: any(z.enum(CHANNELS, { error: 'invalid' })),
    categoryId: any(id),
    priority: any(z.enum(PRIORITIES, { error: 'invalid' })),
    keywords,
    teamId: id,
  })
  .superRefine((rule, ctx) => {
    const conditions = [rule.typeCode, rule.channel, rule.categoryId, rule.priority];
    if (conditions.every((c) => c === undefined) && rule.keywords.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['match'], message: 'emptyMatch' });
    }
  });
export type RoutingRuleInput = z.input<typeof RoutingRuleSchema>;

/** The whole ordered list, saved at once as a new version, with the team that catches the rest. */
export const RoutingRulesSchema = z.object({
  defaultTeamId: id,
  rules: z.array(RoutingRuleSchema).max(ROUTING_LIMITS.rules, { error: 'tooMany' }),
});
export type RoutingRules = z.infer<typeof RoutingRulesSchema>;

export const TeamAssignmentSchema = z.object({
  teamId: id,
  mode: z.enum(ASSIGNMENT_MODES, { error: 'invalid' }),
});

export const AvailabilitySchema = z.object({
  userId: id,
  isAvailable: z.preprocess((v) => v === true || v === 'true' || v === 'on', z.boolean()),
});
