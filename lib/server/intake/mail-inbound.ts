import 'server-only';
import { first, one } from '@/db/rows';
import { eq } from 'drizzle-orm';
import type { ParsedMail } from 'mailparser';
import type { Conn } from '@/db/client';
import { cases, customers, inboundMail, outbox } from '@/db/tables';
import type { InboundMailReason, InboundMailSource } from '@/lib/domain/enums';
import { DESCRIPTION_LIMITS, SUBJECT_LIMITS } from '@/lib/validation/case-filing';
import { SYSTEM_ACTOR } from '../core/actor';
import { createCase } from '../cases/create-case';
import { addCustomerMessage } from '../portal/customer-message';
import {
  checkUploads,
  recordAttachments,
  UPLOAD_LIMITS,
  withStoredFiles,
  type CheckedUpload,
} from '../cases/uploads';
import { asActor, atTime, withTransaction, type Ctx } from '../core/context';
import { isUniqueViolation } from '../core/errors';
import { keepOriginal, type KeptOriginal } from './mail-original';
import { readMail, textOf, type MailFacts, type ReadMail } from './mail-read';
import { mailNote } from './mail-notes';

export type InboundOutcome =
  | {
      outcome: 'created' | 'threaded';
      caseId: number;
      radicado: string;
      droppedAttachments: string[];
      reason: InboundMailReason | null;
    }
  | { outcome: 'quarantined'; reason: InboundMailReason; entryId: number }
  | { outcome: 'duplicate' };

/** Where a message came from: the SMTP listener, or a mailbox (and its place there). */
export interface MailArrival extends MailFacts {
  source: InboundMailSource;
  /** The server's arrival time; the legal term counts from it. Default: now. */
  receivedAt?: Date;
  mailbox?: { id: number; uidValidity: number; uid: number; teamId: number | null };
  /** The size of the whole message when only its first part was read. */
  sizeBytes?: number;
  /** The whole message, already kept (a large one, streamed to disk by the mailbox pull). */
  original?: KeptOriginal;
}

const RADICADO_IN_SUBJECT = /\b([A-Z]{2,10}-\d{4}-\d{4,8})\b/;

/** The case a reply belongs to: our Message-ID in In-Reply-To/References, else a radicado in the subject. */
async function threadCandidate(db: Conn, mail: ParsedMail): Promise<number | null> {
  const references = Array.isArray(mail.references)
    ? mail.references
    : mail.references
      ? [mail.references]
      : [];
  for (const ref of [...(mail.inReplyTo ? [mail.inReplyTo] : []), ...references]) {
    const row = await first(
      db.select({ caseId: outbox.caseId }).from(outbox).where(eq(outbox.messageId, ref.trim())),
    );
    if (row?.caseId) return row.caseId;
  }
  const radicado = mail.subject?.toUpperCase().match(RADICADO_IN_SUBJECT)?.[1];
  if (!radicado) return null;
  return (
    (await first(db.select({ id: cases.id }).from(cases).where(eq(cases.radicado, radicado))))
      ?.id ?? null
  );
}

/** Only the person the case answers to may add to it by mail; anyone else starts a new case. */
async function senderOwnsCase(db: Conn, caseId: number, address: string): Promise<boolean> {
  const row = await first(
    db
      .select({
        email: customers.email,
        responseAddress: cases.responseAddress,
        isAnonymous: cases.isAnonymous,
      })
      .from(cases)
      .leftJoin(customers, eq(customers.id, cases.customerId))
      .where(eq(cases.id, caseId)),
  );
  if (!row || row.isAnonymous) return false;
  const known = [row.email, row.responseAddress]
    .filter((a): a is string => !!a)
    .map((a) => a.toLowerCase());
  return known.includes(address.toLowerCase());
}

/** The attachments that pass the portal's checks, one by one; the others are named and dropped. */
async function acceptedAttachments(
  mail: ParsedMail,
): Promise<{ checked: CheckedUpload[]; dropped: string[] }> {
  const checked: CheckedUpload[] = [];
  const dropped: string[] = [];
  for (const a of mail.attachments.filter((x) => x.contentDisposition !== 'inline' || x.filename)) {
    const name = a.filename ?? 'adjunto';
    if (checked.length >= UPLOAD_LIMITS.maxFiles) {
      dropped.push(name);
      continue;
    }
    try {
      checked.push(...(await checkUploads([{ name, bytes: new Uint8Array(a.content) }])));
    } catch {
      dropped.push(name);
    }
  }
  return { checked, dropped };
}

/** The message's key was already taken: SQLite names the column, PostgreSQL the unique index. */
const isDuplicateKey = (error: unknown) =>
  isUniqueViolation(error, 'inbound_mail.message_key') ||
  isUniqueViolation(error, 'inbound_mail_key_uq');

export const alreadyReceived = async (db: Conn, key: string): Promise<boolean> =>
  (await first(
    db.select({ id: inboundMail.id }).from(inboundMail).where(eq(inboundMail.messageKey, key)),
  )) !== undefined;

/**
 * One e-mail, from the SMTP listener or a mailbox (one intake for both, issue 19 §5):
 * - already received (same Message-ID): nothing happens again;
 * - clearly not a petition (bounce, auto-reply, flagged spam) or with no sender to answer: it waits
 *   in the quarantine, the whole message kept, until a supervisor radicates or discards it;
 * - answering one of our messages, from the case's petitioner: added to that case (an information
 *   request is answered, resuming the clock);
 * - otherwise a new case on the email channel, its term counted from the arrival, its constancia
 *   mailed back. What could not be read (a broken body, the part of a large message beyond the
 *   limit, refused attachments) is said in the case, and the whole message kept for staff.
 * The record of the message commits with its case or reply, so a repeat delivery, a restart or a
 * second instance never radicates it twice.
 */
export async function receiveInboundMail(
  ctx: Ctx,
  raw: Buffer,
  arrival: MailArrival = { source: 'smtp' },
): Promise<InboundOutcome> {
  const read = await readMail(raw, arrival);
  if (await alreadyReceived(ctx.db, read.key)) {
    arrival.original?.discard();
    return { outcome: 'duplicate' };
  }
  const at = atTime(asActor(ctx, SYSTEM_ACTOR), arrival.receivedAt ?? ctx.now);
  try {
    if (read.quarantine) return await quarantine(at, raw, read, arrival);
    return await radicate(at, raw, read, arrival);
  } catch (error) {
    if (isDuplicateKey(error)) return { outcome: 'duplicate' };
    throw error;
  }
}

/** The values of a message's record; its outcome, reason and case come from the caller. */
function recordValues(raw: Buffer, read: ReadMail, arrival: MailArrival, now: Date) {
  return {
    source: arrival.source,
    messageKey: read.key,
    mailboxId: arrival.mailbox?.id ?? null,
    uidValidity: arrival.mailbox?.uidValidity ?? null,
    uid: arrival.mailbox?.uid ?? null,
    fromAddress: read.sender?.address.slice(0, 320) ?? null,
    subject: read.mail.subject?.slice(0, SUBJECT_LIMITS.max) ?? null,
    receivedAt: now,
    sizeBytes: arrival.sizeBytes ?? raw.byteLength,
  };
}

async function quarantine(
  ctx: Ctx,
  raw: Buffer,
  read: ReadMail,
  arrival: MailArrival,
): Promise<InboundOutcome> {
  const reason = read.quarantine!;
  const original = arrival.original ?? keepOriginal(raw);
  try {
    const entryId = await withTransaction(
      ctx,
      async ({ db: tx }) =>
        await one(
          tx
            .insert(inboundMail)
            .values({
              ...recordValues(raw, read, arrival, ctx.now),
              outcome: 'quarantined',
              reason,
              rawStoredName: original.stored.storedName,
            })
            .returning({ id: inboundMail.id }),
        ),
    );
    return { outcome: 'quarantined', reason, entryId: entryId.id };
  } catch (error) {
    original.discard();
    throw error;
  }
}

/**
 * A case, or a reply on one, from a message. `force` radicates one a supervisor took out of the
 * quarantine; its record is then updated instead of inserted.
 */
export async function radicate(
  ctx: Ctx,
  raw: Buffer,
  read: ReadMail,
  arrival: MailArrival,
  fromQuarantine?: { entryId: number; staffId: number | null; reviewedAt: Date },
): Promise<Extract<InboundOutcome, { caseId: number }>> {
  const { mail, sender } = read;
  const address = sender!.address;
  const { checked, dropped } = read.unreadable
    ? { checked: [], dropped: mail.attachments.map((a) => a.filename ?? 'adjunto') }
    : await acceptedAttachments(mail);
  const reason: InboundMailReason | null =
    read.unreadable ?? (dropped.length > 0 ? 'attachments' : null);
  // A quarantined message's original is already kept (arrival.original): it moves to the case.
  const original =
    reason && !fromQuarantine ? (arrival.original ?? keepOriginal(raw)) : arrival.original;
  const alongside = (outcome: 'created' | 'threaded') => async (tx: Conn, caseId: number) => {
    if (fromQuarantine) {
      await tx
        .update(inboundMail)
        .set({
          outcome: 'radicated',
          caseId,
          rawStoredName: null,
          reviewedById: fromQuarantine.staffId,
          reviewedAt: fromQuarantine.reviewedAt,
        })
        .where(eq(inboundMail.id, fromQuarantine.entryId));
    } else {
      await tx
        .insert(inboundMail)
        .values({ ...recordValues(raw, read, arrival, ctx.now), outcome, reason, caseId });
    }
    if (original) {
      await recordAttachments(
        tx,
        caseId,
        null,
        [original.stored],
        'internal',
        ctx.now,
        'original_mail',
      );
    }
  };
  const note = mailNote(reason, {
    dropped,
    sizeBytes: arrival.sizeBytes ?? raw.byteLength,
  });
  const body = [textOf(mail, DESCRIPTION_LIMITS.max) || (mail.subject ?? '').trim(), note]
    .filter(Boolean)
    .join('\n\n');
  try {
    return await withStoredFiles(checked, async (stored) => {
      const threadId = await threadCandidate(ctx.db, mail);
      if (threadId !== null && (await senderOwnsCase(ctx.db, threadId, address))) {
        const { radicado } = await addCustomerMessage(
          ctx,
          { caseId: threadId, body: body.slice(0, DESCRIPTION_LIMITS.max), channel: 'email' },
          { attachments: stored, alongside: alongside('threaded') },
        );
        return {
          outcome: 'threaded',
          caseId: threadId,
          radicado,
          droppedAttachments: dropped,
          reason,
        };
      }
      const subject = (mail.subject ?? '').trim().slice(0, SUBJECT_LIMITS.max);
      const from = sender!.name ? `${sender!.name} <${address}>` : address;
      const description = `${body}\n\n— ${from}`.slice(0, DESCRIPTION_LIMITS.max);
      const created = await createCase(
        ctx,
        {
          typeCode: 'P',
          channel: 'email',
          subject:
            subject.length >= SUBJECT_LIMITS.min
              ? subject
              : `Correo de ${address}`.slice(0, SUBJECT_LIMITS.max),
          description:
            description.length >= DESCRIPTION_LIMITS.min
              ? description
              : `${description}\n(recibido por correo electrónico)`,
          responseMedium: 'email',
          responseAddress: address,
        },
        {
          attachments: stored,
          offerRepeat: true,
          teamId: arrival.mailbox?.teamId,
          alongside: alongside('created'),
        },
      );
      return {
        outcome: 'created',
        caseId: created.id,
        radicado: created.radicado,
        droppedAttachments: dropped,
        reason,
      };
    });
  } catch (error) {
    if (!fromQuarantine) original?.discard();
    throw error;
  }
}
