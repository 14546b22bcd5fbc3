import 'server-only';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { cases, interactions } from '@/db/schema';
import type { CaseState, Channel } from '@/lib/domain/enums';
import { SYSTEM_ACTOR } from '../core/actor';
import { applyCaseAction } from '../cases/apply-case-action';
import { appendEvent } from '../core/audit';
import { AppError } from '../core/errors';
import { recordAttachments, type StoredUpload } from '../cases/uploads';
import { makeCtx } from '@/lib/server/core/context';

const INTERACTION_KIND = {
  email: 'email',
  api: 'chat',
  chat: 'chat',
  whatsapp: 'chat',
  social: 'chat',
} as const;

/**
 * A message from the petitioner that reached us outside the portal (a mail reply, a chat message
 * through the intake API). When the case is waiting on them it answers the information request and
 * the legal clock resumes; otherwise it joins the case's public history as an inbound interaction,
 * without changing the state. Either way in one transaction with its audit event.
 */
export async function addCustomerMessage(
  db: Db,
  caseId: number,
  message: { body: string; channel: keyof typeof INTERACTION_KIND & Channel },
  attachments: StoredUpload[],
  now: Date,
): Promise<{ radicado: string; state: CaseState; eventId: number }> {
  const row = db
    .select({ state: cases.state, radicado: cases.radicado })
    .from(cases)
    .where(eq(cases.id, caseId))
    .get();
  if (!row) throw new AppError('NOT_FOUND', 'case not found');
  const body = message.body.trim() || '(sin texto)';
  if (row.state === 'requiere_informacion') {
    const done = await applyCaseAction(
      makeCtx(db, SYSTEM_ACTOR, now),
      { caseId, action: 'provide_info', body },
      { attachments },
    );
    return { radicado: row.radicado, state: done.to, eventId: done.eventId };
  }
  const eventId = db.transaction(
    (tx) => {
      tx.update(cases)
        .set({ version: sql`${cases.version} + 1`, updatedAt: now })
        .where(eq(cases.id, caseId))
        .run();
      const id = appendEvent(tx, {
        caseId,
        action: 'customer_message',
        actorRole: 'customer',
        actorId: null,
        fromState: row.state,
        toState: row.state,
        visibility: 'public',
        body,
        data: { channel: message.channel },
        createdAt: now,
      });
      tx.insert(interactions)
        .values({
          caseId,
          eventId: id,
          kind: INTERACTION_KIND[message.channel],
          direction: 'inbound',
          body,
          createdAt: now,
        })
        .run();
      recordAttachments(tx, caseId, id, attachments, 'public', now);
      return id;
    },
    { behavior: 'immediate' },
  );
  return { radicado: row.radicado, state: row.state, eventId };
}
