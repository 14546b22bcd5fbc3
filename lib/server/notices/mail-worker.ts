import 'server-only';
import { env, type Env } from '@/lib/env';
import { SYSTEM_ACTOR } from '../core/actor';
import { requestCtx } from '../core/context';
import { deliverDueMail } from './sender';
import { transportFromEnv } from './transport';

const BATCH = 50;
const TICK_BUDGET_MS = 8_000;

/**
 * Delivers the outbox in the background of the app server: a tick every MAIL_SEND_INTERVAL_MS
 * (10 s), never two ticks at once in this process; other instances are kept apart by the claim's
 * lease (sender.ts). Returns a stop function.
 */
export function startMailWorker(config: Env = env()): () => void {
  const transport = transportFromEnv(config);
  const interval = config.MAIL_SEND_INTERVAL_MS;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      // Full batches mean more is waiting: keep going for a few seconds, then yield to the next tick.
      const until = Date.now() + TICK_BUDGET_MS;
      for (;;) {
        const { db } = requestCtx(SYSTEM_ACTOR);
        const r = await deliverDueMail({ db, transport, from: config.MAIL_FROM, batch: BATCH });
        if (r.sent + r.retried + r.failed < BATCH || Date.now() > until) break;
      }
    } catch (error) {
      console.error('mail worker:', error);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), interval);
  timer.unref();
  void tick();
  return () => {
    clearInterval(timer);
    transport.close();
  };
}
