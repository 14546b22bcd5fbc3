import 'server-only';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Conn } from '@/db/client';
import { attachments, caseEvents, cases, customers, staffUsers } from '@/db/tables';
import type { Channel } from '@/lib/domain/enums';
import { z } from 'zod';
import type { Ctx } from '../core/context';
import { AppError } from '../core/errors';
import { requireRole } from '../core/guard';
import { parseInput } from '../core/parse';
import { preparedQuery } from '../core/prepared';
import { canAccessCase } from './case-access';
import { caseRowById } from './case-id';

const CaseTarget = z.object({ caseId: z.number().int().positive() });

/** Channels where the petition is spoken to an official: a call, or in person at the window. */
export const VERBAL_CHANNELS: readonly Channel[] = ['phone', 'walk_in'];

/**
 * What the constancia of a verbal petition must record (Decreto 1166 de 2016, in the DUR 1081 de
 * 2015): who petitioned (name and document, unless anonymous), the object and the reasons, the
 * documents received with it and the official who received it. Date, time, radicado and channel
 * are the constancia's own facts.
 */
export interface VerbalRecord {
  petitioner: { name: string; documentType: string | null; documentNumber: string | null } | null;
  subject: string;
  description: string;
  /** The files handed in with the petition (those recorded with its filing). */
  documents: string[];
  /** The official who took the petition; null when it was recorded by the system. */
  receivedBy: string | null;
}

const verbalRow = preparedQuery((db) =>
  db
    .select({
      channel: cases.channel,
      subject: cases.subject,
      description: cases.description,
      isAnonymous: cases.isAnonymous,
      name: customers.fullName,
      documentType: customers.documentType,
      documentNumber: customers.documentNumber,
      receivedBy: staffUsers.name,
    })
    .from(cases)
    .leftJoin(customers, eq(customers.id, cases.customerId))
    .leftJoin(staffUsers, eq(staffUsers.id, cases.createdById))
    .where(eq(cases.id, sql.placeholder('caseId')))
    .prepare(),
);

const filingDocuments = preparedQuery((db) =>
  db
    .select({ name: attachments.originalName })
    .from(attachments)
    .innerJoin(caseEvents, eq(caseEvents.id, attachments.eventId))
    .where(and(eq(attachments.caseId, sql.placeholder('caseId')), eq(caseEvents.action, 'radicar')))
    .orderBy(asc(attachments.id))
    .prepare(),
);

/** The verbal petition's record, or null when the case did not come by word of mouth. */
export async function verbalRecordOf(db: Conn, caseId: number): Promise<VerbalRecord | null> {
  const row = await verbalRow(db).get({ caseId });
  if (!row || !VERBAL_CHANNELS.includes(row.channel)) return null;
  return {
    petitioner:
      row.isAnonymous || row.name === null
        ? null
        : { name: row.name, documentType: row.documentType, documentNumber: row.documentNumber },
    subject: row.subject,
    description: row.description,
    documents: (await filingDocuments(db).all({ caseId })).map((d) => d.name),
    receivedBy: row.receivedBy,
  };
}

/** The verbal record for staff (the constancia page): null when the case came another way. */
export async function verbalRecord(ctx: Ctx, input: unknown): Promise<VerbalRecord | null> {
  requireRole(ctx.actor, 'staff');
  const { caseId } = parseInput(CaseTarget, input);
  const row = await caseRowById(ctx.db).get({ id: caseId });
  if (!row) throw new AppError('NOT_FOUND');
  if (!canAccessCase(ctx.actor, row)) throw new AppError('FORBIDDEN');
  return await verbalRecordOf(ctx.db, caseId);
}
