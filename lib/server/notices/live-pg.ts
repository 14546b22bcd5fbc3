import 'server-only';
import { desc, gt } from 'drizzle-orm';
import type { Conn } from '@/db/client';
import { caseEvents, notifications } from '@/db/tables';

/**
 * How far below the newest id a look reads again on PostgreSQL. Ids come from sequences, taken
 * when a row is inserted, not when its transaction commits: a transaction that took id 100 can
 * commit after one that took 101 was already seen. Each look reads the newest rows of this window
 * and announces the ids it has not announced yet, so a late commit is still told.
 */
export const LATE_WINDOW = 500;

interface Seen {
  events: Set<number>;
  notifications: Set<number>;
}

/** The ids and the values they carry (a case, a person) among the newest `LATE_WINDOW` rows. */
async function newest(db: Conn, table: typeof caseEvents | typeof notifications) {
  const value = table === caseEvents ? caseEvents.caseId : notifications.userId;
  const top = await db.select({ id: table.id }).from(table).orderBy(desc(table.id)).limit(1);
  const floor = (top[0]?.id ?? 0) - LATE_WINDOW;
  return await db
    .select({ id: table.id, value })
    .from(table)
    .where(gt(table.id, floor))
    .orderBy(desc(table.id))
    .limit(LATE_WINDOW);
}

/** The values of the rows not seen before (and remembers them); `first` only remembers. */
function unseen(rows: { id: number; value: number | null }[], seen: Set<number>, first: boolean) {
  const values = new Set<number>();
  for (const row of rows) {
    if (seen.has(row.id)) continue;
    seen.add(row.id);
    if (!first && row.value !== null) values.add(row.value);
  }
  // Only the window's ids can come again: forget the rest.
  const floor = Math.min(...rows.map((r) => r.id));
  for (const id of seen) if (id < floor) seen.delete(id);
  return [...values];
}

/**
 * One look on PostgreSQL, through the pool (only committed rows): the cases with new events and
 * the people with new alerts since the previous look. The first look only learns what exists.
 */
export function pgLooker() {
  let seen: Seen | undefined;
  return async (db: Conn) => {
    const first = seen === undefined;
    seen ??= { events: new Set(), notifications: new Set() };
    const [events, alerts] = [await newest(db, caseEvents), await newest(db, notifications)];
    return {
      caseIds: unseen(events, seen.events, first),
      bellUserIds: unseen(alerts, seen.notifications, first),
    };
  };
}
