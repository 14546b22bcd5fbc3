import 'server-only';
import { appendEvent } from '../core/audit';
import type { Ctx } from '../core/context';

/**
 * The audit event of an administrative change (no case): who did it (the context's actor), what
 * (`action`, `data`) and when (the context's clock). Call it with the transaction's context, inside
 * the write it records, so the change and its event commit or roll back together.
 */
export async function appendAdminEvent(
  tx: Ctx,
  action: string,
  data: Record<string, unknown>,
  options: { body?: string | null } = {},
): Promise<number> {
  const { actor } = tx;
  return await appendEvent(tx.db, {
    caseId: null,
    action,
    actorRole: actor.role,
    actorId: actor.id,
    visibility: 'internal',
    body: options.body ?? null,
    data,
    createdAt: tx.now,
  });
}
