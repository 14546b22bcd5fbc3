import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One POST as the receiver saw it, with whether its signature checked out. */
export interface ReceivedWebhook {
  eventId: string;
  timestamp: string;
  signatureValid: boolean;
  contentType: string;
  body: string;
  json: Record<string, unknown>;
}

/**
 * How the receiver answers the next requests: a status, or 'hang': it keeps the message but its
 * answer never leaves (the sender cannot know it arrived, as when the sender dies meanwhile).
 */
type Reply = number | 'hang';

export interface TestWebhookReceiver {
  url: string;
  /** Every POST, in arrival order (a retried delivery appears again). */
  received: ReceivedWebhook[];
  /** The messages it accepted, once per event id (what a de-duplicating receiver keeps). */
  accepted: Map<string, ReceivedWebhook>;
  /** Answer the next `times` requests with `reply` instead of 200. */
  replyNext(reply: Reply, times?: number): void;
  /** Resolves when `n` requests in all have arrived. */
  waitFor(n: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * A real HTTP receiver on 127.0.0.1 (port 0) that does what a channel's receiver should: recompute
 * the HMAC-SHA256 of `"<X-Ventanilla-Timestamp>.<raw body>"` with the channel's secret and compare
 * it with `X-Ventanilla-Signature: sha256=<hex>`, answer 401 when it does not match, and keep each
 * event id once however often it is delivered.
 */
export async function startWebhookReceiver(secret: () => string): Promise<TestWebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const accepted = new Map<string, ReceivedWebhook>();
  const replies: Reply[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  const hanging = new Set<http.ServerResponse>();

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const timestamp = String(req.headers['x-ventanilla-timestamp'] ?? '');
      const given = String(req.headers['x-ventanilla-signature'] ?? '').replace(/^sha256=/, '');
      const expected = createHmac('sha256', secret()).update(`${timestamp}.${body}`).digest();
      const signatureValid =
        /^[0-9a-f]{64}$/.test(given) && timingSafeEqual(expected, Buffer.from(given, 'hex'));
      let json: Record<string, unknown> = {};
      try {
        json = JSON.parse(body) as Record<string, unknown>;
      } catch {
        // Left empty: the test asserts on it.
      }
      const hook: ReceivedWebhook = {
        eventId: String(req.headers['x-ventanilla-event-id'] ?? ''),
        timestamp,
        signatureValid,
        contentType: String(req.headers['content-type'] ?? ''),
        body,
        json,
      };
      received.push(hook);
      for (const w of waiters.filter((w) => received.length >= w.n)) w.resolve();
      const reply = replies.shift() ?? 200;
      if (!signatureValid) {
        res.writeHead(401).end('bad signature');
        return;
      }
      const keeps = reply === 'hang' || (reply >= 200 && reply < 300);
      if (keeps && !accepted.has(hook.eventId)) accepted.set(hook.eventId, hook);
      if (reply === 'hang') {
        hanging.add(res);
        return;
      }
      res.writeHead(reply, { 'Content-Type': 'text/plain' }).end(`status ${reply}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/ventanilla`,
    received,
    accepted,
    replyNext(reply, times = 1) {
      for (let i = 0; i < times; i++) replies.push(reply);
    },
    waitFor(n) {
      if (received.length >= n) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ n, resolve }));
    },
    close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
