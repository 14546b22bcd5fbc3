import 'server-only';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { SYSTEM_ACTOR } from '../core/actor';
import { requestCtx, type Ctx } from '../core/context';
import { receiveInboundMail, type InboundOutcome } from './mail-inbound';
import {
  admitMessage,
  checkCredentials,
  DEFAULT_MAIL_POLICY,
  logRefusal,
  relayGate,
  smtpRefusal,
  type InboundMailPolicy,
} from './mail-policy';

export interface InboundSmtpOptions extends Partial<InboundMailPolicy> {
  port: number;
  host?: string;
  /** The context each message is received in (tests: their database and clock); default the app's. */
  ctx?: () => Ctx;
  onReceived?: (outcome: InboundOutcome) => void;
}

/** How STARTTLS and AUTH are offered: neither unless configured, and AUTH only over TLS by default. */
function securityOptions(policy: InboundMailPolicy): SMTPServerOptions {
  const disabledCommands = [...(policy.tls ? [] : ['STARTTLS']), ...(policy.auth ? [] : ['AUTH'])];
  return {
    disabledCommands,
    ...(policy.tls ? { key: policy.tls.key, cert: policy.tls.cert } : {}),
    authOptional: !policy.auth,
    authMethods: ['PLAIN', 'LOGIN'],
    allowInsecureAuth: Boolean(policy.auth?.insecure && !policy.tls),
    authRequiredMessage: '5.7.0 Authentication required',
  };
}

/**
 * The inbound SMTP listener (smtp-server): every accepted message goes to receiveInboundMail.
 * Before that: clients outside the relay allow-list are refused at connect (554 5.7.1); with TLS
 * required, mail before STARTTLS is refused (530 5.7.0); with AUTH configured, mail before it is
 * refused (530) and wrong credentials get 535; a sender or client address over its limit is refused
 * at MAIL FROM with 451 4.7.1, before any body is read; recipients beyond the cap get 452 4.5.3; an
 * oversize message gets 552. A failure on our side answers 451 so the sender retries later and
 * nothing is lost. Every refusal is one line in the log.
 */
export async function startInboundSmtp(
  options: InboundSmtpOptions,
): Promise<{ port: number; close: () => Promise<void> }> {
  const { port, host, ctx: ctxOf, onReceived, ...configured } = options;
  const policy: InboundMailPolicy = {
    ...DEFAULT_MAIL_POLICY,
    ...Object.fromEntries(Object.entries(configured).filter(([, value]) => value !== undefined)),
  };
  const relays = relayGate(policy);
  const ctx = () => ctxOf?.() ?? requestCtx(SYSTEM_ACTOR);
  // One log line per message over the recipient cap, not one per recipient refused.
  const cappedEnvelopes = new WeakSet<object>();
  const server = new SMTPServer({
    name: 'ventanilla',
    banner: 'Ventanilla PQRS',
    size: policy.maxBytes,
    logger: false,
    ...securityOptions(policy),
    onConnect(session, callback) {
      if (relays && !relays.has(session.remoteAddress)) {
        logRefusal('a client outside INBOUND_SMTP_RELAYS', session.remoteAddress);
        callback(smtpRefusal(554, '5.7.1 Relaying from this address is not allowed'));
        return;
      }
      callback();
    },
    onAuth(auth, session, callback) {
      checkCredentials(ctx().db, policy, auth, session.remoteAddress)
        .then((result) => {
          if (result === 'accepted') return callback(null, { user: auth.username });
          const reason =
            result === 'locked' ? 'AUTH after too many failures' : 'wrong AUTH credentials';
          logRefusal(reason, session.remoteAddress);
          callback(
            result === 'locked'
              ? smtpRefusal(454, '4.7.0 Too many failed attempts, try again later')
              : smtpRefusal(535, '5.7.8 Authentication credentials invalid'),
          );
        })
        .catch((error: unknown) => {
          console.error('inbound mail: checking AUTH failed:', error);
          callback(smtpRefusal(454, '4.7.0 Temporary authentication failure'));
        });
    },
    onMailFrom(address, session, callback) {
      const sender = address.address.toLowerCase();
      if (policy.tls?.required && !session.secure) {
        logRefusal('mail before STARTTLS', session.remoteAddress, sender);
        callback(smtpRefusal(530, '5.7.0 Must issue a STARTTLS command first'));
        return;
      }
      admitMessage(ctx().db, policy, sender, session.remoteAddress)
        .then((refused) => {
          if (refused === undefined) return callback();
          logRefusal(`a message: ${refused}`, session.remoteAddress, sender);
          callback(smtpRefusal(451, '4.7.1 Too many messages, try again later'));
        })
        .catch((error: unknown) => {
          console.error('inbound mail: counting a message failed:', error);
          callback(smtpRefusal(451, '4.3.0 Temporary failure, try again later'));
        });
    },
    onRcptTo(_address, session, callback) {
      if (session.envelope.rcptTo.length >= policy.maxRecipients) {
        if (!cappedEnvelopes.has(session.envelope)) {
          cappedEnvelopes.add(session.envelope);
          const sender = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
          logRefusal('recipients over the cap', session.remoteAddress, sender.toLowerCase());
        }
        callback(smtpRefusal(452, '4.5.3 Too many recipients'));
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      // Past the size cap the rest is read and dropped, not held in memory until the end.
      stream.on('data', (chunk: Buffer) => {
        if (stream.sizeExceeded) chunks.length = 0;
        else chunks.push(chunk);
      });
      stream.on('end', () => {
        const mailFrom = session.envelope.mailFrom;
        const envelopeFrom = mailFrom ? mailFrom.address : '';
        if (stream.sizeExceeded) {
          logRefusal('an oversize message', session.remoteAddress, envelopeFrom.toLowerCase());
          callback(smtpRefusal(552, '5.3.4 Message exceeds fixed maximum message size'));
          return;
        }
        receiveInboundMail(ctx(), Buffer.concat(chunks), { source: 'smtp', envelopeFrom })
          .then((outcome) => {
            onReceived?.(outcome);
            callback(null, outcome.outcome === 'quarantined' ? 'Quarantined' : 'Queued');
          })
          .catch((error: unknown) => {
            console.error('inbound mail:', error);
            callback(smtpRefusal(451, '4.3.0 Temporary failure, try again later'));
          });
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host ?? '0.0.0.0', () => resolve());
  });
  return {
    port: (server.server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
