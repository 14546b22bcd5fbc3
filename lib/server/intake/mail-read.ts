import 'server-only';
import { createHash } from 'node:crypto';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { InboundMailReason } from '@/lib/domain/enums';

/**
 * What Ventanilla reads of one e-mail before deciding anything: who sent it, the key that keeps it
 * from being radicated twice, and whether it is clearly not a petition (bounce, auto-reply, spam
 * the server flagged) or could only be read in part (issue 19 §3). Shared by the SMTP listener and
 * the mailbox pull.
 */
export interface ReadMail {
  mail: ParsedMail;
  /** `mid:<Message-ID>`, or `sha:<digest of the message>` when it has none. */
  key: string;
  sender: { address: string; name: string } | null;
  /** Set when it goes to the quarantine instead of becoming a case. */
  quarantine: Extract<InboundMailReason, 'bounce' | 'auto_reply' | 'spam' | 'no_sender'> | null;
  /** Set when the message could not be read whole: the case gets what could be, plus the original. */
  unreadable: Extract<InboundMailReason, 'malformed' | 'oversize'> | null;
}

export interface MailFacts {
  /** The SMTP envelope's MAIL FROM; '' is the null reverse path of a bounce. */
  envelopeFrom?: string | null;
  /** IMAP flags and keywords the server set ($Junk, Junk). */
  flags?: readonly string[];
  /** Only the first part of a larger message was read (the mailbox pull's size limit). */
  truncated?: boolean;
}

const AUTOMATIC_SENDERS = /^(mailer-daemon|postmaster|no-?reply|noreply|bounces?)([+-].*)?@/i;
const JUNK_FLAGS = new Set(['$junk', 'junk', '\\junk']);

const header = (mail: ParsedMail, name: string) =>
  String(mail.headers.get(name) ?? '')
    .trim()
    .toLowerCase();

/** A delivery report, or a reply no person wrote (RFC 3834): answering it could start a loop. */
function automaticKind(mail: ParsedMail, envelopeFrom: string | null | undefined) {
  const contentType = header(mail, 'content-type');
  const from = mail.from?.value[0]?.address ?? '';
  if (contentType.startsWith('multipart/report') || envelopeFrom === '') return 'bounce';
  if (/^(mailer-daemon|postmaster)@/i.test(from)) return 'bounce';
  const auto = header(mail, 'auto-submitted');
  if (auto && auto !== 'no') return 'auto_reply';
  if (['bulk', 'junk', 'list', 'auto_reply'].includes(header(mail, 'precedence'))) {
    return 'auto_reply';
  }
  if (mail.headers.has('x-autoreply') || mail.headers.has('x-autorespond')) return 'auto_reply';
  if (AUTOMATIC_SENDERS.test(from)) return 'auto_reply';
  return null;
}

/** Spam the receiving server already judged: SpamAssassin's and Exchange's headers, or a Junk flag. */
function flaggedSpam(mail: ParsedMail, flags: readonly string[]): boolean {
  if (header(mail, 'x-spam-flag') === 'yes') return true;
  if (header(mail, 'x-spam-status').startsWith('yes')) return true;
  const scl = Number(header(mail, 'x-ms-exchange-organization-scl') || NaN);
  if (scl >= 5) return true;
  return flags.some((flag) => JUNK_FLAGS.has(flag.toLowerCase()));
}

/**
 * A body that is there but gave nothing readable: a multipart whose boundary never appears, a
 * base64 part that is not base64, no header block at all.
 */
function isMalformed(mail: ParsedMail, raw: Buffer): boolean {
  if (mail.headers.size === 0) return true;
  const crlf = raw.indexOf('\r\n\r\n');
  const split = crlf >= 0 ? crlf : raw.indexOf('\n\n');
  const body = split >= 0 ? raw.subarray(split).toString('latin1').trim() : '';
  const nothingRead = !mail.text?.trim() && !mail.html && mail.attachments.length === 0;
  return body.length > 0 && nothingRead;
}

function keyOf(mail: ParsedMail, raw: Buffer): string {
  const messageId = mail.messageId?.trim();
  if (messageId && messageId.length <= 500) return `mid:${messageId.toLowerCase()}`;
  return `sha:${createHash('sha256').update(raw).digest('hex')}`;
}

export async function readMail(raw: Buffer, facts: MailFacts = {}): Promise<ReadMail> {
  const mail = await simpleParser(raw);
  const first = mail.from?.value[0];
  const sender = first?.address ? { address: first.address, name: first.name ?? '' } : null;
  const automatic = automaticKind(mail, facts.envelopeFrom);
  const quarantine =
    automatic ?? (flaggedSpam(mail, facts.flags ?? []) ? 'spam' : sender ? null : 'no_sender');
  const unreadable = facts.truncated ? 'oversize' : isMalformed(mail, raw) ? 'malformed' : null;
  return { mail, key: keyOf(mail, raw), sender, quarantine, unreadable };
}

/** The readable text of a message, without control characters a broken one may carry. */
export function textOf(mail: ParsedMail, max: number): string {
  const text = (mail.text ?? '')
    .replace(/\r\n/g, '\n')

    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
    .trim();
  return text.slice(0, max);
}
