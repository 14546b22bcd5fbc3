import 'server-only';
import { first } from '@/db/rows';
import { eq } from 'drizzle-orm';
import type { Conn } from '@/db/client';
import { cases, staffUsers, teams } from '@/db/tables';
import type { AssignmentMode } from '@/lib/domain/enums';
import { matchRule, pickAssignee, type RoutableCase } from '@/lib/domain/routing';
import { appendEvent } from '../core/audit';
import { alertAssignment } from '../notices/staff-alerts';
import { rulesInForce } from './rules-in-force';
import { availableAgentIds, openCasesByAgent } from './team-agents';

export interface RoutingDecision {
  teamId: number;
  assigneeId: number | null;
  ruleId: number | null;
}

/** The team's active agents marked available, with how many open cases each holds. */
async function candidatesOf(tx: Conn, teamId: number) {
  const agents = await availableAgentIds(tx, teamId);
  const loads = await openCasesByAgent(tx, agents);
  return agents.map((id) => ({ id, openCases: loads.get(id) ?? 0 }));
}

/**
 * Gives a new case its team and, when the team assigns automatically, its agent (issue 14): the
 * first routing rule in force that matches, else the default team; then the team's mode. Runs in
 * the filing's transaction and records the decision on the case's timeline (internal). Routing
 * starts with the first team: creating it saves the first rule set, with it as the default.
 */
export async function routeNewCase(
  tx: Conn,
  c: RoutableCase & { id: number },
  now: Date,
  /** A team the channel feeds (a mailbox's): it takes the case whatever the rules say. */
  channelTeamId?: number | null,
): Promise<RoutingDecision | null> {
  const set = await rulesInForce(tx, now);
  if (!set && !channelTeamId) return null;
  const rule = channelTeamId || !set ? null : matchRule(set.rules, c);
  const teamId = channelTeamId || (rule?.teamId ?? set!.defaultTeamId);
  const team = await first(
    tx
      .select({
        name: teams.name,
        mode: teams.assignmentMode,
        lastAssignedId: teams.lastAssignedId,
      })
      .from(teams)
      .where(eq(teams.id, teamId)),
  );
  if (!team) return null;
  const mode: AssignmentMode = team.mode;
  const assigneeId = pickAssignee(mode, await candidatesOf(tx, teamId), team.lastAssignedId);
  await tx.update(cases).set({ teamId, assigneeId }).where(eq(cases.id, c.id));
  if (assigneeId !== null) {
    await tx.update(teams).set({ lastAssignedId: assigneeId }).where(eq(teams.id, teamId));
  }
  const assignee =
    assigneeId === null
      ? null
      : await first(
          tx
            .select({ name: staffUsers.name })
            .from(staffUsers)
            .where(eq(staffUsers.id, assigneeId)),
        );
  const eventId = await appendEvent(tx, {
    caseId: c.id,
    action: 'route',
    actorRole: 'system',
    actorId: null,
    fromState: 'radicada',
    toState: 'radicada',
    visibility: 'internal',
    data: {
      teamId,
      teamName: team.name,
      ruleId: rule?.id ?? null,
      ruleName: rule?.name ?? null,
      ruleSetId: set?.id ?? null,
      mode,
      assigneeId,
      assigneeName: assignee?.name ?? null,
    },
    createdAt: now,
  });
  await alertAssignment(tx, { caseId: c.id, eventId, actorId: null, assigneeId, teamId, now });
  return { teamId, assigneeId, ruleId: rule?.id ?? null };
}
