import 'server-only';
import { first } from '@/db/rows';
import { eq } from 'drizzle-orm';
import { cases } from '@/db/tables';
import { SendConstanciaSchema } from '@/lib/validation/send-constancia';
import { appendEvent } from '../core/audit';
import { withTransaction, type Ctx } from '../core/context';
import { AppError } from '../core/errors';
import { requireRole } from '../core/guard';
import { getOrganization } from '../core/organization';
import { parseInput } from '../core/parse';
import { mailBrand } from '../notices/brand';
import { enqueueConstancia } from '../notices/constancia';
import { canAccessCase } from './case-access';
import { verbalRecordOf } from './verbal-record';

/**
 * Sends the constancia de radicación again, to the address the petitioner gives (Decreto 1166 de
 * 2016: a verbal petitioner may ask for it by e-mail; anyone may ask for a copy). The same facts as
 * at filing, the verbal record included; staff see on the timeline where it went.
 */
export async function sendConstancia(ctx: Ctx, input: unknown) {
  requireRole(ctx.actor, 'staff');
  const { caseId, to } = parseInput(SendConstanciaSchema, input);
  return withTransaction(ctx, async ({ db: tx, actor, now }) => {
    const row = await first(tx.select().from(cases).where(eq(cases.id, caseId)));
    if (!row) throw new AppError('NOT_FOUND');
    if (!canAccessCase(actor, row)) throw new AppError('FORBIDDEN');
    const org = await getOrganization(tx);
    const eventId = await appendEvent(tx, {
      caseId,
      action: 'constancia_sent',
      actorRole: actor.role,
      actorId: actor.id,
      visibility: 'internal',
      data: { to },
      createdAt: now,
    });
    const mailId = await enqueueConstancia(tx, {
      caseId,
      to,
      now,
      dedupeKey: `constancia.${caseId}.event.${eventId}`,
      locale: row.locale,
      orgName: org.name,
      brand: mailBrand(org),
      radicado: row.radicado,
      typeCode: row.typeCode,
      channel: row.channel,
      receivedAt: row.receivedAt,
      timeZone: org.timeZone,
      dueDate: row.dueDate,
      verbal: await verbalRecordOf(tx, caseId),
    });
    return { eventId, mailId };
  });
}
