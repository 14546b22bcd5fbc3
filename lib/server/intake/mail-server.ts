import 'server-only';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { SYSTEM_ACTOR } from '../core/actor';
import { requestCtx, type Ctx } from '../core/context';
import { receiveInboundMail, type InboundOutcome } from './mail-inbound';

/** Larger messages are refused with 552 (five 10 MB attachments, base64-encoded, plus text). */
export const DEFAULT_MAX_MESSAGE_BYTES = 70 * 1024 * 1024;

export interface InboundSmtpOptions {
  port: number;
  host?: string;
  maxBytes?: number;
  /** The context each message is received in (tests: their database and clock); default the app's. */
  ctx?: () => Ctx;
  onReceived?: (outcome: InboundOutcome) => void;
}

/**
 * The inbound SMTP listener (smtp-server): every accepted message goes to receiveInboundMail. An
 * oversize message is refused with 552; a failure on our side answers 451 so the sender retries
 * later and nothing is lost.
 */
export async function startInboundSmtp(
  options: InboundSmtpOptions,
): Promise<{ port: number; close: () => Promise<void> }> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  const server = new SMTPServer({
    name: 'ventanilla',
    banner: 'Ventanilla PQRS',
    size: maxBytes,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (stream.sizeExceeded) {
          const error = new Error('Message exceeds fixed maximum message size') as Error & {
            responseCode: number;
          };
          error.responseCode = 552;
          callback(error);
          return;
        }
        const mailFrom = session.envelope.mailFrom;
        const ctx = options.ctx?.() ?? requestCtx(SYSTEM_ACTOR);
        receiveInboundMail(ctx, Buffer.concat(chunks), {
          envelopeFrom: mailFrom ? mailFrom.address : '',
        })
          .then((outcome) => {
            options.onReceived?.(outcome);
            callback(
              null,
              outcome.outcome === 'ignored' ? 'Ignored (automatic message)' : 'Queued',
            );
          })
          .catch((error: unknown) => {
            console.error('inbound mail:', error);
            const refusal = new Error('Temporary failure, try again later') as Error & {
              responseCode: number;
            };
            refusal.responseCode = 451;
            callback(refusal);
          });
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', () => resolve());
  });
  return {
    port: (server.server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
