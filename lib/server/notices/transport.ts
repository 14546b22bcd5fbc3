import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { databasePath } from '@/db/client';
import { env, type Env } from '@/lib/env';

/** A file that travels inside the mail. */
export interface MailAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

/** One message as the sender hands it to a transport. */
export interface MailMessage {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  /** Stable per outbox row: a retried delivery is recognisably the same mail. */
  messageId: string;
  headers?: Record<string, string>;
  attachments?: MailAttachment[];
}

/** A delivery failure the server will not accept later either (5xx): no point retrying. */
export class PermanentMailError extends Error {}

export interface MailTransport {
  readonly kind: 'smtp' | 'eml';
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/** The sender address when MAIL_FROM is not set (lib/env.ts holds the same default). */
export const DEFAULT_FROM = 'Ventanilla <no-reply@ventanilla.local>';

/** Where the embedded default writes each message as an .eml file: MAIL_DIR, or `mail/` beside the database. */
export function mailDir(dir: string | undefined = env().MAIL_DIR): string {
  return dir
    ? path.resolve(/*turbopackIgnore: true*/ dir)
    : path.join(path.dirname(databasePath()), 'mail');
}

/** `<abc@host>` → `abc@host` made safe as a file name. */
export function emlFileName(messageId: string): string {
  return `${messageId.replace(/^<|>$/g, '').replace(/[^\w.@-]/g, '_')}.eml`;
}

function toNodemailer(message: MailMessage) {
  return {
    from: message.from,
    to: message.to,
    subject: message.subject,
    text: message.text,
    html: message.html ?? undefined,
    messageId: message.messageId,
    headers: { 'Auto-Submitted': 'auto-generated', ...message.headers },
    attachments: message.attachments,
  };
}

/** SMTP delivery (nodemailer). 5xx answers are permanent; anything else is worth retrying. */
export function smtpTransport(url: string): MailTransport {
  const transporter = nodemailer.createTransport(url);
  return {
    kind: 'smtp',
    async send(message) {
      try {
        await transporter.sendMail(toNodemailer(message));
      } catch (error) {
        const code = (error as { responseCode?: number }).responseCode;
        if (typeof code === 'number' && code >= 500) {
          throw new PermanentMailError((error as Error).message);
        }
        throw error;
      }
    },
    close: () => transporter.close(),
  };
}

/** The message as an RFC 5322 .eml, exactly as a transport would hand it over. */
export async function buildEml(message: MailMessage): Promise<Buffer> {
  const builder = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'unix',
  });
  try {
    return (await builder.sendMail(toNodemailer(message))).message as Buffer;
  } finally {
    builder.close();
  }
}

/**
 * The embedded default with no SMTP server configured: each message is written, complete and
 * RFC 5322-formatted, to `<dir>/<message-id>.eml` (staff can read them in the app). Writing the
 * same Message-ID again replaces the file, so a retried delivery never makes a second copy.
 */
export function emlTransport(dir: string): MailTransport {
  const builder = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'unix',
  });
  return {
    kind: 'eml',
    async send(message) {
      const info = await builder.sendMail(toNodemailer(message));
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      const file = path.join(dir, emlFileName(message.messageId));
      const temp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(temp, info.message as Buffer, { mode: 0o600 });
      fs.renameSync(temp, file);
    },
    close: () => builder.close(),
  };
}

/** SMTP_URL (e.g. `smtps://user:pass@mail.example.co:465`) when set; otherwise .eml files. */
export function transportFromEnv(
  config: Pick<Env, 'SMTP_URL' | 'MAIL_DIR'> = env(),
): MailTransport {
  return config.SMTP_URL ? smtpTransport(config.SMTP_URL) : emlTransport(mailDir(config.MAIL_DIR));
}
