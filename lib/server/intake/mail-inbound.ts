import 'server-only';
import { eq } from 'drizzle-orm';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { Conn } from '@/db/client';
import { cases, customers, outbox } from '@/db/schema';
import { DESCRIPTION_LIMITS, SUBJECT_LIMITS } from '@/lib/validation/case-filing';
import { SYSTEM_ACTOR } from '../core/actor';
import { createCase } from '../cases/create-case';
import { addCustomerMessage } from '../portal/customer-message';
import { checkUploads, UPLOAD_LIMITS, withStoredFiles, type CheckedUpload } from '../cases/uploads';
import { asActor, type Ctx } from '../core/context';

export type InboundOutcome =
  | { outcome: 'created'; caseId: number; radicado: string; droppedAttachments: string[] }
  | { outcome: 'threaded'; caseId: number; radicado: string; droppedAttachments: string[] }
  | { outcome: 'ignored'; reason: 'automatic' | 'no_sender' };

const RADICADO_IN_SUBJECT = /\b([A-Z]{2,10}-\d{4}-\d{4,8})\b/;
const AUTOMATIC_SENDERS = /^(mailer-daemon|postmaster|no-?reply|noreply|bounces?)([+-].*)?@/i;

/**
 * Mail no person wrote: auto-replies and bounces (RFC 3834 Auto-Submitted, Precedence, the usual
 * vendor headers, delivery reports, a null reverse path). Answering them could start a mail loop.
 */
export function isAutomatic(mail: ParsedMail, envelopeFrom: string | null | undefined): boolean {
  const header = (name: string) => String(mail.headers.get(name) ?? '').toLowerCase();
  const auto = header('auto-submitted');
  if (auto && auto !== 'no') return true;
  if (['bulk', 'junk', 'list', 'auto_reply'].includes(header('precedence'))) return true;
  if (mail.headers.has('x-autoreply') || mail.headers.has('x-autorespond')) return true;
  if (header('content-type').startsWith('multipart/report')) return true;
  if (envelopeFrom === '') return true;
  const from = mail.from?.value[0]?.address ?? '';
  return AUTOMATIC_SENDERS.test(from);
}

/** The case a reply belongs to: our Message-ID in In-Reply-To/References, else a radicado in the subject. */
function threadCandidate(db: Conn, mail: ParsedMail): number | null {
  const refs = [
    ...(mail.inReplyTo ? [mail.inReplyTo] : []),
    ...(Array.isArray(mail.references)
      ? mail.references
      : mail.references
        ? [mail.references]
        : []),
  ];
  for (const ref of refs) {
    const row = db
      .select({ caseId: outbox.caseId })
      .from(outbox)
      .where(eq(outbox.messageId, ref.trim()))
      .get();
    if (row?.caseId) return row.caseId;
  }
  const radicado = mail.subject?.toUpperCase().match(RADICADO_IN_SUBJECT)?.[1];
  if (!radicado) return null;
  return (
    db.select({ id: cases.id }).from(cases).where(eq(cases.radicado, radicado)).get()?.id ?? null
  );
}

/** Only the person the case answers to may add to it by mail; anyone else starts a new case. */
function senderOwnsCase(db: Conn, caseId: number, address: string): boolean {
  const row = db
    .select({
      email: customers.email,
      responseAddress: cases.responseAddress,
      isAnonymous: cases.isAnonymous,
    })
    .from(cases)
    .leftJoin(customers, eq(customers.id, cases.customerId))
    .where(eq(cases.id, caseId))
    .get();
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

function textOf(mail: ParsedMail): string {
  const text = (mail.text ?? '').replace(/\r\n/g, '\n').trim();
  return text.slice(0, DESCRIPTION_LIMITS.max);
}

/**
 * One message that reached our SMTP listener: ignored when automatic; attached to its case when it
 * answers one of our messages (an information request is answered, resuming the clock); otherwise a
 * new case on the email channel, whose constancia goes back to the sender.
 */
export async function receiveInboundMail(
  ctx: Ctx,
  raw: Buffer,
  extras: { envelopeFrom?: string | null } = {},
): Promise<InboundOutcome> {
  const { db } = ctx;
  const mail = await simpleParser(raw);
  if (isAutomatic(mail, extras.envelopeFrom)) return { outcome: 'ignored', reason: 'automatic' };
  const sender = mail.from?.value[0];
  const address = sender?.address;
  if (!address) return { outcome: 'ignored', reason: 'no_sender' };

  const { checked, dropped } = await acceptedAttachments(mail);
  return withStoredFiles(checked, async (stored): Promise<InboundOutcome> => {
    const body = textOf(mail) || (mail.subject ?? '').trim();
    const threadId = threadCandidate(db, mail);
    if (threadId !== null && senderOwnsCase(db, threadId, address)) {
      const { radicado } = await addCustomerMessage(
        asActor(ctx, SYSTEM_ACTOR),
        { caseId: threadId, body, channel: 'email' },
        { attachments: stored },
      );
      return { outcome: 'threaded', caseId: threadId, radicado, droppedAttachments: dropped };
    }
    const subject = (mail.subject ?? '').trim().slice(0, SUBJECT_LIMITS.max);
    const from = sender.name ? `${sender.name} <${address}>` : address;
    const description = `${body}\n\n— ${from}`.slice(0, DESCRIPTION_LIMITS.max);
    const created = await createCase(
      asActor(ctx, SYSTEM_ACTOR),
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
      { attachments: stored, offerRepeat: true },
    );
    return {
      outcome: 'created',
      caseId: created.id,
      radicado: created.radicado,
      droppedAttachments: dropped,
    };
  });
}
