import 'server-only';
import { and, eq, isNull, or, type Placeholder, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { cases } from '@/db/tables';
import type { Actor } from '../core/actor';

type CaseOwnership = { id: number; teamId: number | null; assigneeId: number | null };

/**
 * Agents work their own cases, their team's, and the unrouted pool (no team, no assignee);
 * supervisors, admins and the system see all; a customer sees only the case they opened.
 */
export function canAccessCase(actor: Actor, c: CaseOwnership): boolean {
  switch (actor.role) {
    case 'supervisor':
    case 'admin':
    case 'system':
      return true;
    case 'customer':
      return actor.caseId !== null && actor.caseId === c.id;
    case 'agent':
      return (
        c.assigneeId === actor.id ||
        (actor.teamId !== null && c.teamId === actor.teamId) ||
        (c.teamId === null && c.assigneeId === null)
      );
  }
}

/**
 * `cases` under the alias `c`: a list's drizzle filter rendered for raw SQL that reads `FROM cases c`
 * (the supervision drill-down and the CSV exports).
 */
export const casesAsC = alias(cases, 'c');
export type CasesTable = typeof cases | typeof casesAsC;

/**
 * An agent's ids as a scope filter compares them: their values, or placeholders of a query built
 * once and run with the values (list-cases.ts); a null team is part of the query's shape.
 */
export interface ScopeIds {
  me: number | Placeholder;
  team: number | Placeholder | null;
}

/** The same rule as a SQL filter, for lists (on `cases`, or on `casesAsC` for raw SQL). */
export function caseScopeFilter(
  actor: Actor,
  t: CasesTable = cases,
  ids?: ScopeIds,
): SQL | undefined {
  switch (actor.role) {
    case 'supervisor':
    case 'admin':
    case 'system':
      return undefined;
    case 'customer':
      return eq(t.id, actor.caseId ?? -1);
    case 'agent':
      ids ??= { me: actor.id, team: actor.teamId };
      return or(
        eq(t.assigneeId, ids.me),
        ids.team !== null ? eq(t.teamId, ids.team) : undefined,
        and(isNull(t.teamId), isNull(t.assigneeId)),
      );
  }
}
