import 'server-only';
import { and, eq, isNull, or, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { cases } from '@/db/schema';
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

/** The same rule as a SQL filter, for lists (on `cases`, or on `casesAsC` for raw SQL). */
export function caseScopeFilter(actor: Actor, t: CasesTable = cases): SQL | undefined {
  switch (actor.role) {
    case 'supervisor':
    case 'admin':
    case 'system':
      return undefined;
    case 'customer':
      return eq(t.id, actor.caseId ?? -1);
    case 'agent':
      return or(
        eq(t.assigneeId, actor.id),
        actor.teamId !== null ? eq(t.teamId, actor.teamId) : undefined,
        and(isNull(t.teamId), isNull(t.assigneeId)),
      );
  }
}
