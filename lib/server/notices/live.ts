import 'server-only';
import { desc, gt } from 'drizzle-orm';
import { getDb, type Conn } from '@/db/client';
import { caseEvents, notifications } from '@/db/schema';

/** What changed since the last look: the cases with new events, and whether any bell rang. */
export interface LiveChange {
  caseIds: number[];
  /** The people whose bell got a new alert. */
  bellUserIds: number[];
  /** A case whose people present changed (cases/presence.ts). */
  presence?: number;
}
type Listener = (change: LiveChange) => void;

const TICK_MS = 1000;
const listeners = new Set<Listener>();
let timer: ReturnType<typeof setInterval> | undefined;
let last: { event: number; notification: number } | undefined;

let looking = false;

const newestEvent = async (db: Conn) =>
  (await db.select({ id: caseEvents.id }).from(caseEvents).orderBy(desc(caseEvents.id)).limit(1))[0]
    ?.id ?? 0;
const newestNotification = async (db: Conn) =>
  (
    await db
      .select({ id: notifications.id })
      .from(notifications)
      .orderBy(desc(notifications.id))
      .limit(1)
  )[0]?.id ?? 0;

/**
 * One look at the database per second for the whole process, however many people are connected
 * (issue 14 §4): the newest event and notification ids (primary keys, so each look costs two index
 * probes), and on a change the cases and the people it touched. Each connection then decides
 * what concerns it: only the people with a new alert count their bell again.
 * Reading the database instead of an in-process bus sees writes of every instance and of jobs.
 */
async function tick(): Promise<void> {
  // A look that outlasts the interval is not started twice.
  if (looking) return;
  looking = true;
  const db: Conn = getDb();
  try {
    const now = { event: await newestEvent(db), notification: await newestNotification(db) };
    const before = last ?? now;
    last = now;
    if (now.event === before.event && now.notification === before.notification) return;
    const distinct = (ids: (number | null)[]) =>
      [...new Set(ids)].filter((id): id is number => id !== null);
    const caseIds =
      now.event === before.event
        ? []
        : distinct(
            (
              await db
                .select({ caseId: caseEvents.caseId })
                .from(caseEvents)
                .where(gt(caseEvents.id, before.event))
                .limit(1000)
            ).map((r) => r.caseId),
          );
    const bellUserIds =
      now.notification === before.notification
        ? []
        : distinct(
            (
              await db
                .select({ userId: notifications.userId })
                .from(notifications)
                .where(gt(notifications.id, before.notification))
                .limit(1000)
            ).map((r) => r.userId),
          );
    const change = { caseIds, bellUserIds };
    for (const listener of listeners) listener(change);
  } catch (error) {
    console.error('live updates:', error);
  } finally {
    looking = false;
  }
}

/** Tells every connection of this process at once, without waiting for the next look. */
export function announce(change: Partial<LiveChange>): void {
  const full = { caseIds: [], bellUserIds: [], ...change };
  for (const listener of listeners) listener(full);
}

/** Calls `listener` on every change until the returned function is called. */
export function subscribe(listener: Listener): () => void {
  listeners.add(listener);
  if (!timer) {
    last = undefined;
    void tick();
    timer = setInterval(() => void tick(), TICK_MS);
    timer.unref();
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

export const liveListenerCount = (): number => listeners.size;
