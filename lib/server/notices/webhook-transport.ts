import 'server-only';
import { first } from '@/db/rows';
import { eq } from 'drizzle-orm';
import type { Conn } from '@/db/client';
import { intakeChannels, type outbox } from '@/db/tables';
import { hmacHex } from '../intake/signature';
import { unsealSecret } from '../intake/keys';
import { PermanentMailError } from './transport';
import { webhookEventId } from './webhook-notices';

/** A receiver that has not answered by then is given up on for this attempt (retried later). */
export const WEBHOOK_TIMEOUT_MS = 10_000;
/** How much of a refusing receiver's answer the delivery log keeps. */
const ERROR_BODY_CHARS = 300;

/** `sha256=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>` (the header the receiver checks). */
export function webhookSignature(secret: string, body: string, timestamp: number): string {
  return `sha256=${hmacHex(secret, body, timestamp)}`;
}

/** 4xx is the receiver refusing this message for good, except 408 and 429 (try again later). */
const isPermanent = (status: number) =>
  status >= 400 && status < 500 && status !== 408 && status !== 429;

/** A network failure in a few words: fetch's own message plus its cause (ECONNREFUSED …). */
function describe(error: unknown, timeoutMs: number): string {
  const e = error as Error & { cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError') return `no answer within ${timeoutMs / 1000} s`;
  const cause = e?.cause?.code ?? e?.cause?.message;
  return cause ? `${e.message}: ${cause}` : (e?.message ?? String(error));
}

async function refusal(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  const head = `HTTP ${response.status}`;
  return text ? `${head}: ${text.slice(0, ERROR_BODY_CHARS)}` : head;
}

/**
 * POSTs one queued webhook message (outbox row, medium 'webhook') to its channel's current URL,
 * signed with the channel's current secret. Resolves on 2xx; throws PermanentMailError when retrying
 * cannot help (4xx other than 408/429, webhook removed), any other Error to be retried with backoff
 * (5xx, 408, 429, a redirect, network failure, timeout).
 */
export async function sendWebhook(
  db: Conn,
  row: Pick<typeof outbox.$inferSelect, 'channelId' | 'messageId' | 'bodyText'>,
  options: { now?: Date; timeoutMs?: number } = {},
): Promise<void> {
  const channel =
    row.channelId === null
      ? undefined
      : await first(
          db
            .select({ url: intakeChannels.webhookUrl, sealed: intakeChannels.webhookSecretSealed })
            .from(intakeChannels)
            .where(eq(intakeChannels.id, row.channelId)),
        );
  if (!channel?.url || !channel.sealed) {
    throw new PermanentMailError('the channel has no webhook any more');
  }
  const timeoutMs = options.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
  const timestamp = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const body = row.bodyText;
  let response: Response;
  try {
    response = await fetch(channel.url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'Ventanilla-Webhook/1',
        'X-Ventanilla-Event-Id': webhookEventId(row.messageId),
        'X-Ventanilla-Timestamp': String(timestamp),
        'X-Ventanilla-Signature': webhookSignature(unsealSecret(channel.sealed), body, timestamp),
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new Error(describe(error, timeoutMs));
  }
  if (response.status >= 200 && response.status < 300) {
    await response.body?.cancel();
    return;
  }
  const message = await refusal(response);
  if (response.status >= 300 && response.status < 400) {
    throw new Error(`${message} (redirects are not followed; set the final URL)`);
  }
  throw isPermanent(response.status) ? new PermanentMailError(message) : new Error(message);
}
