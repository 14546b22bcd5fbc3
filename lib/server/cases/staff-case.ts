import 'server-only';
import { and, asc, desc, eq, ne, sql } from 'drizzle-orm';
import type { Ctx } from '../core/context';
import { cases, categories, rootCauses, staffUsers, teams, templates } from '@/db/tables';
import { availableActions } from '@/lib/domain/case-machine';
import { buildContext, snapshotOf } from './apply-case-action';
import type { StaffActor } from '../auth/session';
import { canAccessCase } from './case-access';
import { AppError } from '../core/errors';
import { caseWithTimeline } from './get-case';
import { caseStory } from './case-story';
import { getOrganization } from '../core/organization';
import { caseIdByRadicado, caseRowById } from './case-id';
import { filterOptions } from './queue-options';
import { caseServiceLevel } from './service-level';
import { TEMPLATE_SUMMARY, templateValuesFor } from './template-values';
import { renderTemplate } from '@/lib/domain/templates';
import { preparedQuery } from '../core/prepared';

const id = sql.placeholder('id');
/** The petitioner's other cases, newest first. */
const otherCasesOf = preparedQuery((db) =>
  db
    .select({
      id: cases.id,
      radicado: cases.radicado,
      typeCode: cases.typeCode,
      state: cases.state,
      subject: cases.subject,
    })
    .from(cases)
    .where(and(eq(cases.customerId, sql.placeholder('customerId')), ne(cases.id, id)))
    .orderBy(desc(cases.receivedAt))
    .limit(10)
    .prepare(),
);
const caseSummary = preparedQuery((db) =>
  db
    .select({ id: cases.id, radicado: cases.radicado, state: cases.state, subject: cases.subject })
    .from(cases)
    .where(eq(cases.id, id))
    .prepare(),
);
const staffName = preparedQuery((db) =>
  db.select({ name: staffUsers.name }).from(staffUsers).where(eq(staffUsers.id, id)).prepare(),
);
const teamName = preparedQuery((db) =>
  db.select({ name: teams.name }).from(teams).where(eq(teams.id, id)).prepare(),
);
const activeRootCauses = preparedQuery((db) =>
  db
    .select({ id: rootCauses.id, processId: rootCauses.processId, name: rootCauses.name })
    .from(rootCauses)
    .where(eq(rootCauses.isActive, true))
    .orderBy(asc(rootCauses.name))
    .prepare(),
);
const activeCategories = preparedQuery((db) =>
  db
    .select({ id: categories.id, name: categories.name })
    .from(categories)
    .where(eq(categories.isActive, true))
    .orderBy(asc(categories.name))
    .prepare(),
);
const activeTemplates = preparedQuery((db) =>
  db
    .select(TEMPLATE_SUMMARY)
    .from(templates)
    .where(eq(templates.isActive, true))
    .orderBy(asc(templates.name))
    .prepare(),
);

/**
 * Everything the staff case page shows: the case and its full timeline, the actions the state
 * machine allows this user now, and the option lists those actions need.
 */
export async function getStaffCasePage(ctx: Ctx<StaffActor>, input: { radicado: string }) {
  const { db, actor, now } = ctx;
  const caseId = await caseIdByRadicado(db, input.radicado);
  if (caseId === null) throw new AppError('NOT_FOUND');
  const row = await caseRowById(db).get({ id: caseId });
  if (!row) throw new AppError('NOT_FOUND');
  if (!canAccessCase(actor, row)) throw new AppError('FORBIDDEN');

  const view = await caseWithTimeline(ctx, caseId);
  const org = await getOrganization(db);
  const machine = await buildContext(db, row, { action: 'take' }, actor, org, now);
  const snapshot = snapshotOf(row);
  const otherCases = row.customerId
    ? await otherCasesOf(db).all({ customerId: row.customerId, id: caseId })
    : [];
  // A known petitioner's new message that intake offers as a repeat contact (issue 14 §5).
  const repeatOffer = row.possibleRepeatOfId
    ? ((await caseSummary(db).get({ id: row.possibleRepeatOfId })) ?? null)
    : null;
  const assignee = row.assigneeId ? await staffName(db).get({ id: row.assigneeId }) : undefined;
  const team = row.teamId ? await teamName(db).get({ id: row.teamId }) : undefined;
  const options = await filterOptions(db);
  const values = await templateValuesFor(db, caseId, actor);
  return {
    view,
    // Taking a case one already holds is a no-op: not offered.
    actions: availableActions(snapshot, machine).filter(
      (a) => a !== 'take' || row.assigneeId !== actor.id,
    ),
    // Art. 21: a transfer is due within 5 business days; later ones are still allowed, with a warning.
    isTransferLate: machine.businessDaysSinceFiling > 5,
    serviceLevel: await caseServiceLevel(db, row, now),
    assigneeName: assignee?.name ?? null,
    teamName: team?.name ?? null,
    otherCases,
    customerId: row.customerId,
    repeatOffer,
    story: await caseStory(db, row, org, now),
    options: {
      staff: options.staff,
      processes: options.processes,
      rootCauses: await activeRootCauses(db).all(),
      categories: await activeCategories(db).all(),
      templates: (await activeTemplates(db).all())
        .filter((t) => t.typeCode === null || t.typeCode === row.typeCode)
        // Filled in for this case; what is left ({{linea_personal}}) the agent must write.
        .map((t) => ({ id: t.id, name: t.name, rendered: renderTemplate(t.body, values) })),
    },
  };
}
export type StaffCasePage = Awaited<ReturnType<typeof getStaffCasePage>>;
