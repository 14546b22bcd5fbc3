import 'server-only';
import type { Conn } from '@/db/client';
import { casesDueBy, type DueCase } from '@/db/sql/alerts';
import * as pgJobs from '@/db/pg/job-reads';
import { isPg, pgQueryable } from '@/db/pg/transactions';
import { SYSTEM_ACTOR } from '../core/actor';
import { withTransaction, type Ctx } from '../core/context';
import { appendEvent } from '../core/audit';
import { atRiskLimit } from '../cases/list-cases';
import { formatLocalDate } from '../notices/translator';
import { getOrganization, loadCalendar } from '../core/organization';
import { ringBell } from '../notices/ring-bell';

export type AlertKind = 'at_risk' | 'overdue' | 'escalation';

/**
 * Tells the assignee and the team supervisor when a case is at risk (due within two business
 * days) and when it is overdue — in the app (the bell) and by e-mail as each person prefers
 * (notices/ring-bell.ts) — and escalates an overdue case to the team supervisor with an audit
 * event. Once per case, kind, due date and person: an extension (a new due date) alerts again;
 * running twice changes nothing.
 */
export async function sendDeadlineAlerts(
  ctx: Ctx,
): Promise<{ notified: number; escalated: number }> {
  const { db, now } = ctx;
  const cal = await loadCalendar(db, await getOrganization(db));
  const limitMs = atRiskLimit(now, cal).getTime();
  const due = isPg(db)
    ? await pgJobs.casesDueBy(pgQueryable(db), limitMs)
    : await casesDueBy(db, limitMs);
  let notified = 0;
  let escalated = 0;
  for (const c of due) {
    await withTransaction(ctx, async ({ db: tx }) => {
      const kind: AlertKind = c.dueAt < now.getTime() ? 'overdue' : 'at_risk';
      const people = new Set([c.assigneeId, c.supervisorId].filter((x) => x !== null));
      for (const userId of people) {
        if (await notify(tx, c, userId, kind, now)) notified += 1;
      }
      if (kind === 'overdue' && c.supervisorId !== null) {
        if (await notify(tx, c, c.supervisorId, 'escalation', now)) {
          await appendEvent(tx, {
            caseId: c.id,
            action: 'escalate',
            actorRole: SYSTEM_ACTOR.role,
            actorId: null,
            visibility: 'internal',
            data: { supervisorId: c.supervisorId, dueDate: c.dueKey },
            createdAt: now,
          });
          escalated += 1;
        }
      }
    });
  }
  return { notified, escalated };
}

/** One notification (and its e-mail, as the person prefers) per case, kind, due date and person. */
async function notify(
  tx: Conn,
  c: DueCase,
  userId: number,
  kind: AlertKind,
  now: Date,
): Promise<boolean> {
  return await ringBell(tx, {
    userId,
    caseId: c.id,
    kind,
    dedupeKey: `${kind}.${c.id}.${c.dueKey}.${userId}`,
    now,
    details: (locale) => ({ dueDate: formatLocalDate(locale, c.dueKey) }),
  });
}
