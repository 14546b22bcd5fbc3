import 'server-only';
import { createHash, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import type { Conn } from '@/db/client';
import type { Env } from '@/lib/env';
import { addressList, plainAddress, type AddressList } from '@/lib/net/address-list';
import { consumeLimit, peekLimit, type LimitSpec } from '../core/rate-limit';

/** What the inbound SMTP listener lets in (README "Inbound mail"); every field has a safe default. */
export interface InboundMailPolicy {
  /** Larger messages are refused with 552 (five 10 MB attachments, base64-encoded, plus text). */
  maxBytes: number;
  /** Recipients beyond this in one message are refused with 452 4.5.3. */
  maxRecipients: number;
  /** Messages per window from one envelope sender (MAIL FROM); 0 = no limit. */
  senderLimit: number;
  /** Messages per window from one client address; 0 = no limit. */
  addressLimit: number;
  windowSeconds: number;
  /** Addresses and CIDR blocks allowed to connect; empty = everyone. */
  relays: readonly string[];
  /** STARTTLS is offered with this key and certificate (PEM); `required` refuses mail without it. */
  tls?: { key: Buffer | string; cert: Buffer | string; required: boolean };
  /** AUTH PLAIN/LOGIN is required with these credentials; only over TLS unless `insecure`. */
  auth?: { user: string; password: string; insecure: boolean };
  /** Failed AUTH attempts per window from one client address before AUTH is refused (454 4.7.0). */
  authFailureLimit: number;
}

export const DEFAULT_MAIL_POLICY: InboundMailPolicy = {
  maxBytes: 70 * 1024 * 1024,
  maxRecipients: 10,
  senderLimit: 20,
  addressLimit: 60,
  windowSeconds: 3600,
  relays: [],
  authFailureLimit: 10,
};

/** The policy the environment configures; the TLS files are read here, so a wrong path stops the start. */
export function mailPolicyFromEnv(config: Env): InboundMailPolicy {
  const read = (name: string, file: string) => {
    try {
      return fs.readFileSync(file);
    } catch (error) {
      throw new Error(`${name}: cannot read ${file} (${(error as Error).message})`);
    }
  };
  const key = config.INBOUND_SMTP_TLS_KEY;
  const cert = config.INBOUND_SMTP_TLS_CERT;
  const { INBOUND_SMTP_USER: user, INBOUND_SMTP_PASSWORD: password } = config;
  return {
    maxBytes: config.INBOUND_SMTP_MAX_BYTES,
    maxRecipients: config.INBOUND_SMTP_MAX_RECIPIENTS,
    senderLimit: config.INBOUND_SMTP_SENDER_LIMIT,
    addressLimit: config.INBOUND_SMTP_ADDRESS_LIMIT,
    windowSeconds: config.INBOUND_SMTP_LIMIT_WINDOW_SECONDS,
    relays: config.INBOUND_SMTP_RELAYS,
    authFailureLimit: DEFAULT_MAIL_POLICY.authFailureLimit,
    tls:
      key && cert
        ? {
            key: read('INBOUND_SMTP_TLS_KEY', key),
            cert: read('INBOUND_SMTP_TLS_CERT', cert),
            required: config.INBOUND_SMTP_REQUIRE_TLS,
          }
        : undefined,
    auth:
      user && password
        ? { user, password, insecure: config.INBOUND_SMTP_INSECURE_AUTH }
        : undefined,
  };
}

/**
 * An SMTP refusal: the reply code and, first in the text, its enhanced status code (RFC 3463).
 * smtp-server would add its own code per reply code (451 → 4.3.0, not the 4.7.1 a rate limit is),
 * so its ENHANCEDSTATUSCODES stays off and our refusals carry theirs.
 */
export function smtpRefusal(code: number, text: string): Error & { responseCode: number } {
  return Object.assign(new Error(text), { responseCode: code });
}

/** One line in the server log per refusal: what, from which client, for which sender; never a body. */
export function logRefusal(reason: string, remoteAddress: string, sender?: string) {
  const from = plainAddress(remoteAddress);
  console.warn(
    `inbound SMTP: refused ${reason} from ${from}${sender === undefined ? '' : ` (sender <${sender}>)`}`,
  );
}

/** The relays allowed to connect, or undefined when anyone may. */
export function relayGate(policy: InboundMailPolicy): AddressList | undefined {
  return policy.relays.length > 0 ? addressList(policy.relays) : undefined;
}

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/** Constant-time comparison of the offered credentials with the configured ones. */
function credentialsMatch(
  expected: { user: string; password: string },
  username: string | undefined,
  password: string | null | undefined,
): boolean {
  const user = timingSafeEqual(digest(expected.user), digest(username ?? ''));
  const secret = timingSafeEqual(digest(expected.password), digest(password ?? ''));
  return user && secret;
}

/** The numbers are in the name: limiters are cached by name, and a changed limit starts afresh. */
const limitSpec = (subject: string, points: number, window: number): LimitSpec => ({
  name: `smtp-${subject}-${points}-${window}`,
  points,
  durationSeconds: window,
});

/**
 * Checks offered AUTH credentials. A client address with `authFailureLimit` failures in the window
 * is refused without a look at what it offers (`locked`), so guessing costs a window per few tries.
 */
export async function checkCredentials(
  db: Conn,
  policy: InboundMailPolicy,
  offered: { username?: string; password?: string | null },
  remoteAddress: string,
): Promise<'accepted' | 'wrong' | 'locked'> {
  const spec = limitSpec('auth-failures', policy.authFailureLimit, policy.windowSeconds);
  const key = plainAddress(remoteAddress);
  if ((await peekLimit(db, spec, key)).isLimited) return 'locked';
  if (policy.auth && credentialsMatch(policy.auth, offered.username, offered.password)) {
    return 'accepted';
  }
  await consumeLimit(db, spec, key);
  return 'wrong';
}

type Limit = { spec: LimitSpec; key: string; reason: string };

function limitsOf(policy: InboundMailPolicy, sender: string, remoteAddress: string): Limit[] {
  const window = policy.windowSeconds;
  const limits: Limit[] = [];
  if (policy.senderLimit > 0) {
    limits.push({
      spec: limitSpec('sender', policy.senderLimit, window),
      key: sender === '' ? '<>' : sender.toLowerCase(),
      reason: 'sender over its message limit',
    });
  }
  if (policy.addressLimit > 0) {
    limits.push({
      spec: limitSpec('address', policy.addressLimit, window),
      key: plainAddress(remoteAddress),
      reason: 'client address over its message limit',
    });
  }
  return limits;
}

/**
 * Counts one message against its sender's and its client's limits at MAIL FROM, before any body is
 * read. A sender or address already at its limit is refused without counting (a retrying server
 * does not extend its own wait); otherwise the message counts, whether or not it ends up a case.
 * Gives the reason of a refusal, or undefined when the message may go on.
 */
export async function admitMessage(
  db: Conn,
  policy: InboundMailPolicy,
  sender: string,
  remoteAddress: string,
): Promise<string | undefined> {
  const limits = limitsOf(policy, sender, remoteAddress);
  for (const limit of limits) {
    if ((await peekLimit(db, limit.spec, limit.key)).isLimited) return limit.reason;
  }
  // Two sessions may pass the look above together: counting then says which one went over.
  for (const limit of limits) {
    if ((await consumeLimit(db, limit.spec, limit.key)).isLimited) return limit.reason;
  }
  return undefined;
}
