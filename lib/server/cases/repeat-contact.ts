import 'server-only';
import { first } from '@/db/rows';
import { canAccessCase } from './case-access';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Conn } from '@/db/client';
import { withTransaction, type Ctx } from '../core/context';
import { cases, customers, interactions } from '@/db/tables';
import {
  OPEN_STATES,
  type CaseType,
  type Channel,
  type DocumentType,
  type InteractionKind,
} from '@/lib/domain/enums';
import { RepeatContactSchema, type RepeatContactInput } from '@/lib/validation/portal';
import { isStaff } from '../core/actor';
import { appendEvent } from '../core/audit';
import { AppError } from '../core/errors';
import { parseInput } from '../core/parse';

export interface OpenCaseMatch {
  id: number;
  radicado: string;
  receivedAt: Date;
}

/**
 * The customer's most recent open case of this type, if any: a new contact on it is a repeat
 * contact, not a new case (DOMAIN.md §8). Callers must not show the radicado to an unverified
 * filer: knowing a document number is not proof of being its owner.
 */
export async function findOpenCaseOfSameType(
  db: Conn,
  who: { documentType: DocumentType; documentNumber: string; email?: string },
  typeCode: CaseType,
): Promise<OpenCaseMatch | null> {
  return (
    (await first(
      db
        .select({ id: cases.id, radicado: cases.radicado, receivedAt: cases.receivedAt })
        .from(cases)
        .innerJoin(customers, eq(customers.id, cases.customerId))
        .where(
          and(
            eq(customers.documentType, who.documentType),
            eq(customers.documentNumber, who.documentNumber.trim().toUpperCase()),
            // From the public form, the email on record must match too: a document number alone
            // is easy to know about someone else.
            who.email ? eq(sql`lower(${customers.email})`, who.email.toLowerCase()) : undefined,
            eq(cases.typeCode, typeCode),
            inArray(cases.state, [...OPEN_STATES]),
          ),
        )
        .orderBy(desc(cases.receivedAt), desc(cases.id))
        .limit(1),
    )) ?? null
  );
}

/** How the contact reached us, as an interaction kind. */
const INTERACTION_KIND: Readonly<Record<Channel, InteractionKind>> = {
  web: 'reply',
  api: 'reply',
  email: 'email',
  phone: 'call',
  walk_in: 'visit',
  postal: 'letter',
  chat: 'chat',
  whatsapp: 'chat',
  social: 'chat',
};

export interface AddedRepeatContact {
  caseId: number;
  radicado: string;
  eventId: number;
  repeatContactCount: number;
  version: number;
}

/**
 * Attaches a new contact to an open case instead of opening another: the text joins the case's
 * public history, the case counts one more repeat contact (a result failure worth measuring) and
 * the contact is recorded as an inbound interaction. Staff and the system may attach to any case
 * (as they may file one); a customer only to the case they hold, and only from the web. The input
 * is parsed again here: callers pass what a person typed.
 */
export async function addRepeatContact(
  ctx: Ctx,
  input: RepeatContactInput & { caseId: number },
): Promise<AddedRepeatContact> {
  const { actor, now } = ctx;
  const { caseId } = input;
  if (actor.role === 'customer' && actor.caseId !== caseId) throw new AppError('FORBIDDEN');
  const contact = parseInput(RepeatContactSchema, input);
  if (actor.role === 'customer' && contact.channel !== 'web') throw new AppError('FORBIDDEN');
  const staffId = isStaff(actor) ? actor.id : null;

  return withTransaction(ctx, async ({ db: tx }) => {
    const row = await first(
      tx
        .select({
          id: cases.id,
          radicado: cases.radicado,
          state: cases.state,
          teamId: cases.teamId,
          assigneeId: cases.assigneeId,
        })
        .from(cases)
        .where(eq(cases.id, caseId)),
    );
    if (!row) throw new AppError('NOT_FOUND', 'case not found');
    // Staff reach a case by its id only within their scope, as on the case page.
    if (!canAccessCase(actor, row)) throw new AppError('FORBIDDEN', 'not your case');
    if (!OPEN_STATES.includes(row.state)) {
      throw new AppError('INVALID_TRANSITION', 'not_open', { detail: { guard: 'not_open' } });
    }
    const updated = await first(
      tx
        .update(cases)
        .set({
          repeatContactCount: sql`${cases.repeatContactCount} + 1`,
          version: sql`${cases.version} + 1`,
          updatedAt: now,
        })
        .where(eq(cases.id, caseId))
        .returning({ repeatContactCount: cases.repeatContactCount, version: cases.version }),
    );
    if (!updated) throw new AppError('NOT_FOUND', 'case not found');
    const eventId = await appendEvent(tx, {
      caseId,
      action: 'repeat_contact',
      actorRole: actor.role,
      actorId: staffId,
      fromState: row.state,
      toState: row.state,
      visibility: 'public',
      body: contact.description,
      data: { subject: contact.subject, channel: contact.channel },
      createdAt: now,
    });
    await tx.insert(interactions).values({
      caseId,
      eventId,
      kind: INTERACTION_KIND[contact.channel],
      direction: 'inbound',
      staffId,
      body: contact.description,
      createdAt: now,
    });
    return { caseId, radicado: row.radicado, eventId, ...updated };
  });
}
