import 'server-only';
import { changesOf, first } from '@/db/rows';
import { and, count, desc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { cases, notifications } from '@/db/tables';
import { withTransaction, type Ctx } from '../core/context';
import { AppError } from '../core/errors';
import { requireRole } from '../core/guard';
import { parseInput } from '../core/parse';

/**
 * The bell (deadline alerts and escalations): each verb reads or marks the signed-in staff member's
 * own alerts only; whose they are comes from the context, never from the input.
 */
function ownerOf(ctx: Ctx): number {
  requireRole(ctx.actor, 'staff');
  if (ctx.actor.id === null) throw new AppError('FORBIDDEN', 'the bell belongs to a person');
  return ctx.actor.id;
}

/** How many of the user's alerts are unread (index notifications_user_read_idx). */
export async function unreadCount(ctx: Ctx): Promise<number> {
  const userId = ownerOf(ctx);
  return (
    (
      await first(
        ctx.db
          .select({ n: count() })
          .from(notifications)
          .where(and(eq(notifications.userId, userId), isNull(notifications.readAt))),
      )
    )?.n ?? 0
  );
}

const ListSchema = z.object({ limit: z.number().int().min(1).max(500).default(100) });

/** The user's latest alerts, unread first, with the case they are about. */
export async function listNotifications(ctx: Ctx, input: unknown = {}) {
  const userId = ownerOf(ctx);
  const { limit } = parseInput(ListSchema, input);
  return await ctx.db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      readAt: notifications.readAt,
      createdAt: notifications.createdAt,
      radicado: cases.radicado,
      subject: cases.subject,
    })
    .from(notifications)
    .leftJoin(cases, eq(cases.id, notifications.caseId))
    .where(eq(notifications.userId, userId))
    .orderBy(desc(isNull(notifications.readAt)), desc(notifications.id))
    .limit(limit);
}

/** Marks every unread alert of the user as read; returns how many. */
export async function markAllRead(ctx: Ctx): Promise<number> {
  const userId = ownerOf(ctx);
  return withTransaction(ctx, async (tx) =>
    changesOf(
      await tx.db
        .update(notifications)
        .set({ readAt: tx.now })
        .where(and(eq(notifications.userId, userId), isNull(notifications.readAt))),
    ),
  );
}
