import 'server-only';
import { asc, sql } from 'drizzle-orm';
import { first } from '@/db/rows';
import { mailboxes, organization } from '@/db/tables';
import type { Ctx } from '../core/context';
import { AppError } from '../core/errors';
import { consumeLimit, type LimitSpec } from '../core/rate-limit';
import { mailboxHealth } from './status';

/** A monitor polls often; a stranger looping on it is slowed down per address. */
const HEALTH_LIMIT: LimitSpec = { name: 'health-ip', points: 120, durationSeconds: 60 };

/**
 * The server's health for a monitor (issue 19 §4): the database answers, and each mailbox is
 * read (ok), failing, not read yet, or switched off, with its last good read and backlog. Ids only:
 * no names, addresses or error texts reach this public endpoint. `status` is 'degraded' while an
 * active mailbox fails: the app serves, but mail is not coming in.
 */
export async function healthReport(ctx: Ctx, clientIp: string) {
  if ((await consumeLimit(ctx.db, HEALTH_LIMIT, clientIp)).isLimited) {
    throw new AppError('RATE_LIMITED', 'health checked too often');
  }
  // The database answers (a pool that lost its server throws here).
  await first(ctx.db.select({ one: sql<number>`1` }).from(organization));
  const boxes = (await ctx.db.select().from(mailboxes).orderBy(asc(mailboxes.id))).map((m) => ({
    id: m.id,
    status: mailboxHealth(m),
    lastSuccessAt: m.lastSuccessAt?.toISOString() ?? null,
    failingSince: m.failingSince?.toISOString() ?? null,
    backlog: m.backlog,
  }));
  return {
    status: boxes.some((b) => b.status === 'failing') ? 'degraded' : 'ok',
    database: 'ok',
    checkedAt: ctx.now.toISOString(),
    mailboxes: boxes,
  };
}
