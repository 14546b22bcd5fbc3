import { sql } from 'drizzle-orm';
import type { StoredEventRow } from '../sql/audit-log';
import type { PgTx } from './claims';
import { epochMs, type Queryable } from './client';

const CHAIN_COLUMNS = `id, case_id, action, actor_role, actor_id, from_state, to_state, visibility,
  body, data::text AS data, ${epochMs('created_at')} AS created_at,
  prev_hash, hash`;

/**
 * The audit chain as stored on PostgreSQL, in id order: the same row shape as SQLite's
 * (db/sql/audit-log.ts), so one check (checkLink) verifies both. `data` is read as the text that
 * was written (a json column keeps it byte for byte) and instants as milliseconds.
 */
function storedRow(row: Record<keyof StoredEventRow, unknown>): StoredEventRow {
  return {
    id: Number(row.id),
    case_id: row.case_id === null ? null : Number(row.case_id),
    action: row.action as string,
    actor_role: row.actor_role as string,
    actor_id: row.actor_id === null ? null : Number(row.actor_id),
    from_state: row.from_state as string | null,
    to_state: row.to_state as string | null,
    visibility: row.visibility as string,
    body: row.body as string | null,
    data: row.data as string | null,
    created_at: Number(row.created_at),
    prev_hash: row.prev_hash as string | null,
    hash: row.hash as string | null,
  };
}

/**
 * One batch of the chain for the background verification (lib/server/admin/chain-verification.ts):
 * the events after `afterId` up to `throughId`, in id order, at most `limit` of them.
 */
export async function auditChainBatch(
  db: Queryable,
  batch: { afterId: number; throughId: number; limit: number },
): Promise<StoredEventRow[]> {
  const { rows } = await db.query<Record<keyof StoredEventRow, unknown>>(
    `SELECT ${CHAIN_COLUMNS} FROM case_events WHERE id > $1 AND id <= $2 ORDER BY id LIMIT $3`,
    [batch.afterId, batch.throughId, batch.limit],
  );
  return rows.map(storedRow);
}

/** The whole chain, a batch at a time (memory stays flat for millions of events). */
export async function* pgAuditChain(db: Queryable, batch = 5_000): AsyncGenerator<StoredEventRow> {
  let after = 0;
  for (;;) {
    const { rows } = await db.query<Record<keyof StoredEventRow, unknown>>(
      `SELECT ${CHAIN_COLUMNS} FROM case_events WHERE id > $1 ORDER BY id LIMIT $2`,
      [after, batch],
    );
    for (const row of rows) yield storedRow(row);
    if (rows.length < batch) return;
    after = Number(rows[rows.length - 1]!.id);
  }
}

/** The advisory lock that orders writers of the audit chain (any fixed key the app uses once). */
const CHAIN_LOCK = 7_406_921_002;

/**
 * Appends an event to the hash chain inside the caller's transaction. SQLite's single writer
 * orders appends by itself; on PostgreSQL two transactions could read the same last hash and fork
 * the chain, so each first takes a transaction-scoped advisory lock: appends queue for the moment
 * between reading the last hash and committing, and nothing else waits.
 */
export async function appendChained(
  tx: PgTx,
  insert: (prevHash: string | null) => Promise<number>,
): Promise<number> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${CHAIN_LOCK})`);
  const last = await tx.execute<{ hash: string | null }>(
    sql`SELECT hash FROM case_events ORDER BY id DESC LIMIT 1`,
  );
  return insert(last.rows[0]?.hash ?? null);
}
