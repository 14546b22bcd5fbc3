import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { Conn } from '@/db/client';
import { deliverDueMail } from '../notices/sender';
import { smtpTransport } from '../notices/transport';

export interface TestSmtp {
  port: number;
  url: string;
  /** Every message accepted, parsed, in arrival order. */
  received: ParsedMail[];
  /** The next `count` messages are refused with this SMTP reply code (451 transient, 550 permanent). */
  refuseNext(code: number, count?: number): void;
  close(): Promise<void>;
}

/** A real SMTP server on a local port (random unless given; no TLS, no auth) that keeps what it receives. */
export async function startTestSmtp(port = 0): Promise<TestSmtp> {
  const received: ParsedMail[] = [];
  const refusals: number[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const code = refusals.shift();
        if (code !== undefined) {
          const error = new Error(`refused (${code})`) as Error & { responseCode: number };
          error.responseCode = code;
          callback(error);
          return;
        }
        simpleParser(Buffer.concat(chunks))
          .then((mail) => {
            received.push(mail);
            callback();
          })
          .catch(callback);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const bound = (server.server.address() as AddressInfo).port;
  return {
    port: bound,
    url: `smtp://127.0.0.1:${bound}`,
    received,
    refuseNext: (code, count = 1) => {
      for (let i = 0; i < count; i++) refusals.push(code);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Runs the outbox sender once as of `now` against a fresh test SMTP server and returns what
 * arrived there: a notice counts as sent only once it is in the server.
 */
export async function deliverDueToSmtp(db: Conn, now: Date): Promise<ParsedMail[]> {
  const smtp = await startTestSmtp();
  const transport = smtpTransport(smtp.url);
  try {
    await deliverDueMail({ db, transport, now });
    return smtp.received;
  } finally {
    transport.close();
    await smtp.close();
  }
}
