import 'server-only';
import { first } from '@/db/rows';
import { inTransaction } from '@/db/client';
import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Conn } from '@/db/client';
import { idempotencyKeys } from '@/db/tables';
import { AppError } from '../core/errors';

/** A stored answer: what the first request got, replayed for every retry with the same key. */
export interface StoredResponse {
  status: number;
  body: string;
}

const IN_PROGRESS = 0;
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

export function requestHash(method: string, path: string, body: string): string {
  return createHash('sha256').update(`${method} ${path}\n${body}`).digest('hex');
}

/**
 * Runs `produce` once per (API key, Idempotency-Key): a retry with the same body gets the stored
 * response (same status and body, even a 422); the same key with another body is refused (422);
 * a retry while the first is still running gets 409. A failure we did not expect leaves no record,
 * so the client may retry.
 */
export async function idempotent(
  db: Conn,
  apiKeyId: number,
  key: string | null,
  hash: string,
  produce: () => Promise<StoredResponse>,
): Promise<StoredResponse & { isReplay: boolean }> {
  if (key === null) return { ...(await produce()), isReplay: false };
  if (!KEY_PATTERN.test(key)) {
    throw new AppError('VALIDATION', 'bad idempotency key', {
      fieldErrors: { 'Idempotency-Key': ['invalid'] },
    });
  }
  const where = and(eq(idempotencyKeys.apiKeyId, apiKeyId), eq(idempotencyKeys.key, key));
  const existing = await inTransaction(db, async (tx) => {
    const row = await first(tx.select().from(idempotencyKeys).where(where));
    if (row) return row;
    await tx
      .insert(idempotencyKeys)
      .values({ apiKeyId, key, requestHash: hash, responseStatus: IN_PROGRESS, responseBody: '' });
    return null;
  });
  if (existing) {
    if (existing.requestHash !== hash) {
      throw new AppError('VALIDATION', 'idempotency key reused', {
        fieldErrors: { 'Idempotency-Key': ['idempotencyKeyReused'] },
      });
    }
    if (existing.responseStatus === IN_PROGRESS) {
      throw new AppError('CONFLICT', 'the first request with this key is still running');
    }
    return { status: existing.responseStatus, body: existing.responseBody, isReplay: true };
  }
  let response: StoredResponse;
  try {
    response = await produce();
  } catch (error) {
    await inTransaction(db, async (tx) => {
      await tx.delete(idempotencyKeys).where(where);
    });
    throw error;
  }
  if (response.status >= 500) {
    await inTransaction(db, async (tx) => {
      await tx.delete(idempotencyKeys).where(where);
    });
  } else {
    await inTransaction(
      db,
      async (tx) =>
        await tx
          .update(idempotencyKeys)
          .set({ responseStatus: response.status, responseBody: response.body })
          .where(where),
    );
  }
  return { ...response, isReplay: false };
}
