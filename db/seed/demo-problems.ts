/**
 * Two problem records for the demo, made through the problem use cases with a moving clock: one
 * in progress on Facturación's double charges (its recent complaints linked), and one on the phone
 * line resolved five weeks ago, so its page shows the effect before and after the fix.
 */
import type { Db } from '@/db/client';
import { addCalendarDays, toLocalDate } from '@/lib/domain/calendar';
import type { Actor } from '@/lib/server/core/actor';
import { getOrganization } from '@/lib/server/core/organization';
import { createProblem } from '@/lib/server/causes/create-problem';
import { linkCauseComplaints } from '@/lib/server/causes/link-cause-complaints';
import { setProblemStatus } from '@/lib/server/causes/set-problem-status';
import type { SeedCatalog, SeedStaff } from './read-catalog';
import { makeCtx } from '@/lib/server/core/context';

const DAY_MS = 86_400_000;

interface DemoProblem {
  process: string;
  /** Index of the root cause in the process's catalogue; 'busiest': the one with most complaints. */
  cause: number | 'busiest';
  title: string;
  description: string;
  correctiveAction: string;
  /** Days before `now`: created, in progress, linked (its window: `linkFrom` days back), resolved. */
  days: { created: number; started: number; linked: number; linkFrom: number; resolved?: number };
}

const PROBLEMS: readonly DemoProblem[] = [
  {
    process: 'Facturación',
    cause: 0,
    title: 'Cobro doble del cargo fijo al reexpedir la factura',
    description:
      'Cuando se reexpide una factura por cambio de dirección, el sistema vuelve a cobrar el cargo fijo del mes.',
    correctiveAction:
      'Corregir la regla de reexpedición para que no repita el cargo fijo y reintegrar los cobros duplicados en la siguiente factura.',
    days: { created: 21, started: 20, linked: 2, linkFrom: 90 },
  },
  {
    process: 'Atención telefónica',
    cause: 'busiest',
    title: 'La línea telefónica no ve el estado de las órdenes de servicio',
    description:
      'Los asesores de la línea no tienen acceso a las órdenes de servicio: dan información contradictoria o terminan la llamada sin solución.',
    correctiveAction:
      'Dar a la línea consulta de las órdenes de servicio y un guion para escalar en la misma llamada los casos sin orden.',
    days: { created: 80, started: 78, linked: 36, linkFrom: 90, resolved: 35 },
  },
];

/** The root cause of the process with the most complaints so far (the demo draws them at random). */
function busiestCause(db: Db, processId: number): number | undefined {
  return db.$client
    .prepare(
      `SELECT root_cause_id FROM cases
       WHERE process_id = ? AND root_cause_id IS NOT NULL AND type_code IN ('Q', 'R')
       GROUP BY root_cause_id ORDER BY count(*) DESC, root_cause_id LIMIT 1`,
    )
    .pluck()
    .get(processId) as number | undefined;
}

export async function seedDemoProblems(db: Db, catalog: SeedCatalog, now: Date): Promise<number[]> {
  const timeZone = (await getOrganization(db)).timeZone;
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY_MS);
  const ids: number[] = [];
  for (const plan of PROBLEMS) {
    const process = catalog.processByName.get(plan.process);
    if (!process) continue;
    const rootCauseId =
      plan.cause === 'busiest' ? busiestCause(db, process.id) : process.rootCauseIds[plan.cause];
    if (rootCauseId === undefined) continue;
    const supervisorId = catalog.supervisorIdByTeam.get(process.teamId);
    const supervisor: SeedStaff | undefined =
      catalog.supervisors.find((s) => s.id === supervisorId) ?? catalog.supervisors[0];
    if (!supervisor) continue;
    const actor: Actor = { role: supervisor.role, id: supervisor.id, teamId: supervisor.teamId };
    const ctx = (at: Date) => makeCtx(db, actor, at);
    const { id } = await createProblem(ctx(at(plan.days.created)), {
      title: plan.title,
      description: plan.description,
      processId: process.id,
      rootCauseId,
      ownerId: supervisor.id,
      correctiveAction: plan.correctiveAction,
    });
    await setProblemStatus(ctx(at(plan.days.started)), { problemId: id, status: 'in_progress' });
    const linkedAt = at(plan.days.linked);
    const to = toLocalDate(linkedAt, timeZone);
    await linkCauseComplaints(ctx(linkedAt), {
      problemId: id,
      from: addCalendarDays(to, -plan.days.linkFrom),
      to,
    });
    if (plan.days.resolved !== undefined) {
      await setProblemStatus(ctx(at(plan.days.resolved)), { problemId: id, status: 'resolved' });
    }
    ids.push(id);
  }
  return ids;
}
