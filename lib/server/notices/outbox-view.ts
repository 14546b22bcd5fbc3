import 'server-only';
import { count, desc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { cases, outbox } from '@/db/schema';
import type { OutboxStatus } from '@/lib/domain/enums';

export const OUTBOX_PAGE_SIZE = 50;

/** The outgoing mail log for supervisors and admins: newest first, optionally by status. */
export function listOutbox(db: Db, options: { status?: OutboxStatus; page: number }) {
  const where = options.status ? eq(outbox.status, options.status) : undefined;
  const total = db.select({ n: count() }).from(outbox).where(where).get()?.n ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / OUTBOX_PAGE_SIZE));
  const page = Math.min(Math.max(1, options.page), pageCount);
  const rows = db
    .select({
      id: outbox.id,
      kind: outbox.kind,
      toAddress: outbox.toAddress,
      subject: outbox.subject,
      status: outbox.status,
      attempts: outbox.attempts,
      createdAt: outbox.createdAt,
    })
    .from(outbox)
    .where(where)
    .orderBy(desc(outbox.id))
    .limit(OUTBOX_PAGE_SIZE)
    .offset((page - 1) * OUTBOX_PAGE_SIZE)
    .all();
  return { rows, total, page, pageCount };
}

export function getOutboxMessage(db: Db, id: number) {
  return (
    db
      .select({ mail: outbox, radicado: cases.radicado })
      .from(outbox)
      .leftJoin(cases, eq(cases.id, outbox.caseId))
      .where(eq(outbox.id, id))
      .get() ?? null
  );
}
