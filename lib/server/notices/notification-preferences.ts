import 'server-only';
import { NotificationPreferencesSchema } from '@/lib/validation/notification-preferences';
import { notificationPreferences } from '@/db/tables';
import { appendEvent } from '../core/audit';
import { withTransaction, type Ctx } from '../core/context';
import { AppError } from '../core/errors';
import { requireRole } from '../core/guard';
import { parseInput } from '../core/parse';
import { mailModesOf } from './mail-modes';

/** Preferences are a person's own: whose comes from the context, never from the input. */
function personOf(ctx: Ctx): number {
  requireRole(ctx.actor, 'staff');
  if (ctx.actor.id === null) throw new AppError('FORBIDDEN', 'preferences belong to a person');
  return ctx.actor.id;
}

/** Every kind with the signed-in person's mode (chosen, or the kind's default). */
export async function getNotificationPreferences(ctx: Ctx) {
  return await mailModesOf(ctx.db, personOf(ctx));
}

/**
 * Saves the signed-in person's modes for the kinds sent (issue 14 §3), with one audit event
 * listing what changed (before → after). A mode equal to the one in force is not a change.
 */
export async function saveNotificationPreferences(ctx: Ctx, input: unknown) {
  const userId = personOf(ctx);
  const choices = parseInput(NotificationPreferencesSchema, input);
  return withTransaction(ctx, async (tx) => {
    const current = new Map((await mailModesOf(tx.db, userId)).map((m) => [m.kind, m.mode]));
    const changes = choices
      .filter((c) => current.get(c.kind) !== c.mode)
      .map((c) => ({ kind: c.kind, from: current.get(c.kind), to: c.mode }));
    for (const { kind, to } of changes) {
      await tx.db
        .insert(notificationPreferences)
        .values({ userId, kind, mode: to, updatedAt: tx.now })
        .onConflictDoUpdate({
          target: [notificationPreferences.userId, notificationPreferences.kind],
          set: { mode: to, updatedAt: tx.now },
        });
    }
    if (changes.length > 0) {
      await appendEvent(tx.db, {
        caseId: null,
        action: 'notification_preferences_changed',
        actorRole: tx.actor.role,
        actorId: userId,
        visibility: 'internal',
        data: { userId, changes },
        createdAt: tx.now,
      });
    }
    return { changed: changes.length };
  });
}
