/**
 * Two problem records for the demo, made through the problem use cases with a moving clock: one
 * in progress on Facturación's double charges (its recent complaints linked), and one on delivery
 * addresses resolved five weeks ago, so its page shows the effect before and after the fix.
 */
import type { Db } from '@/db/client';
import { addCalendarDays, toLocalDate } from '@/lib/domain/calendar';
import type { Actor } from '@/lib/server/actor';
import { getOrganization } from '@/lib/server/organization';
import { createProblem } from '@/lib/server/problems/create-problem';
import { linkCauseComplaints } from '@/lib/server/problems/link-cause-complaints';
import { setProblemStatus } from '@/lib/server/problems/set-problem-status';
import type { SeedCatalog, SeedStaff } from './read-catalog';

const DAY_MS = 86_400_000;

interface DemoProblem {
  process: string;
  /** Index of the root cause in the process's catalogue. */
  cause: number;
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
    process: 'Entrega y domicilios',
    cause: 1,
    title: 'Direcciones erradas tras migrar el sistema de pedidos',
    description:
      'La migración del sistema de pedidos cambió el formato de las direcciones rurales y los domicilios salen a direcciones que no existen.',
    correctiveAction:
      'Reprocesar las direcciones migradas con el formato anterior y validar la dirección con el cliente al confirmar el pedido.',
    days: { created: 80, started: 78, linked: 36, linkFrom: 90, resolved: 35 },
  },
];

export function seedDemoProblems(db: Db, catalog: SeedCatalog, now: Date): number[] {
  const timeZone = getOrganization(db).timeZone;
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY_MS);
  const ids: number[] = [];
  for (const plan of PROBLEMS) {
    const process = catalog.processByName.get(plan.process);
    const rootCauseId = process?.rootCauseIds[plan.cause];
    if (!process || rootCauseId === undefined) continue;
    const supervisorId = catalog.supervisorIdByTeam.get(process.teamId);
    const supervisor: SeedStaff | undefined =
      catalog.supervisors.find((s) => s.id === supervisorId) ?? catalog.supervisors[0];
    if (!supervisor) continue;
    const actor: Actor = { role: supervisor.role, id: supervisor.id, teamId: supervisor.teamId };
    const { id } = createProblem(
      {
        title: plan.title,
        description: plan.description,
        processId: process.id,
        rootCauseId,
        ownerId: supervisor.id,
        correctiveAction: plan.correctiveAction,
      },
      actor,
      { db, now: at(plan.days.created) },
    );
    setProblemStatus(id, { status: 'in_progress' }, actor, { db, now: at(plan.days.started) });
    const linkedAt = at(plan.days.linked);
    const to = toLocalDate(linkedAt, timeZone);
    linkCauseComplaints(id, { from: addCalendarDays(to, -plan.days.linkFrom), to }, actor, {
      db,
      now: linkedAt,
    });
    if (plan.days.resolved !== undefined) {
      setProblemStatus(id, { status: 'resolved' }, actor, { db, now: at(plan.days.resolved) });
    }
    ids.push(id);
  }
  return ids;
}
