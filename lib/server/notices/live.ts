import 'server-only';
import { desc, gt } from 'drizzle-orm';
import { getDb, getSqliteDb, syncOf, type SyncConn } from '@/db/client';
import { engineInUse } from '@/db/engine';
import { caseEvents, notifications } from '@/db/tables';
import { pgLooker } from './live-pg';

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

const newestEvent = (db: SyncConn) =>
  db.select({ id: caseEvents.id }).from(caseEvents).orderBy(desc(caseEvents.id)).limit(1).get()
    ?.id ?? 0;
const newestNotification = (db: SyncConn) =>
  db
    .select({ id: notifications.id })
    .from(notifications)
    .orderBy(desc(notifications.id))
    .limit(1)
    .get()?.id ?? 0;

/**
 * One look at the database per second for the whole process, however many people are connected
 * (issue 14 §4): the newest event and notification ids (primary keys, so each look costs two index
 * probes), and on a change the cases and the people it touched. Each connection then decides
 * what concerns it: only the people with a new alert count their bell again.
 * Reading the database instead of an in-process bus sees writes of every instance and of jobs.
 *
 * The look is one synchronous run, and skipped while a request's transaction is open on the
 * connection: its rows are not committed yet, and a rollback would give their ids again, so a
 * look that counted them would never announce the rows that take those ids.
 */
function tick(): void {
  if (engineInUse() === 'postgres') return void pgTick();
  try {
    const handle = getSqliteDb();
    if (handle.$client.inTransaction) return;
    const db = syncOf(handle);
    const now = { event: newestEvent(db), notification: newestNotification(db) };
    const before = last ?? now;
    last = now;
    if (now.event === before.event && now.notification === before.notification) return;
    const distinct = (ids: (number | null)[]) =>
      [...new Set(ids)].filter((id): id is number => id !== null);
    const caseIds =
      now.event === before.event
        ? []
        : distinct(
            db
              .select({ caseId: caseEvents.caseId })
              .from(caseEvents)
              .where(gt(caseEvents.id, before.event))
              .limit(1000)
              .all()
              .map((r) => r.caseId),
          );
    const bellUserIds =
      now.notification === before.notification
        ? []
        : distinct(
            db
              .select({ userId: notifications.userId })
              .from(notifications)
              .where(gt(notifications.id, before.notification))
              .limit(1000)
              .all()
              .map((r) => r.userId),
          );
    const change = { caseIds, bellUserIds };
    for (const listener of listeners) listener(change);
  } catch (error) {
    console.error('live updates:', error);
  }
}

let pgLook: ReturnType<typeof pgLooker> | undefined;
let looking = false;

/**
 * The look on PostgreSQL: asynchronous, through the pool (lib/server/notices/live-pg.ts), one at
 * a time; a tick that comes while the previous look is still reading is skipped.
 */
async function pgTick(): Promise<void> {
  if (looking) return;
  looking = true;
  try {
    pgLook ??= pgLooker();
    const change = await pgLook(getDb());
    if (change.caseIds.length === 0 && change.bellUserIds.length === 0) return;
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
    pgLook = undefined;
    tick();
    timer = setInterval(tick, TICK_MS);
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
