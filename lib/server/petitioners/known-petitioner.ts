import 'server-only';
import { and, desc, eq, inArray, ne, or, sql } from 'drizzle-orm';
import type { Conn } from '@/db/client';
import { cases, customers } from '@/db/schema';
import { OPEN_STATES } from '@/lib/domain/enums';
import { appendEvent } from '../core/audit';

/**
 * The most recent open case of the petitioner a new e-mail or API message comes from (issue 14 §5):
 * the same person on record (by document), the same e-mail on their record, or the address an
 * earlier filing answers to. Anonymous cases never match. Each lookup is one index range: cases by
 * customer, by lower(response_address), customers by lower(email).
 */
export function openCaseOfKnownPetitioner(
  tx: Conn,
  who: { customerId: number | null; email: string | null | undefined },
  excludeCaseId: number,
): { id: number; radicado: string } | null {
  const email = who.email?.trim().toLowerCase() || null;
  const byEmail = email
    ? tx
        .select({ id: customers.id })
        .from(customers)
        .where(eq(sql`lower(${customers.email})`, email))
        .limit(20)
        .all()
        .map((r) => r.id)
    : [];
  const customerIds = [...new Set([...(who.customerId ? [who.customerId] : []), ...byEmail])];
  const match = or(
    customerIds.length > 0 ? inArray(cases.customerId, customerIds) : undefined,
    email ? eq(sql`lower(${cases.responseAddress})`, email) : undefined,
  );
  if (!match) return null;
  return (
    tx
      .select({ id: cases.id, radicado: cases.radicado })
      .from(cases)
      .where(
        and(
          match,
          ne(cases.id, excludeCaseId),
          eq(cases.isAnonymous, false),
          inArray(cases.state, [...OPEN_STATES]),
        ),
      )
      .orderBy(desc(cases.receivedAt), desc(cases.id))
      .limit(1)
      .get() ?? null
  );
}

/**
 * A new e-mail or API filing from a petitioner with an open case is not silently a second case:
 * it is marked as a possible repeat contact of that case, for staff to join or keep apart, and its
 * history says so. Runs in the filing's transaction; returns the case offered, if any.
 */
export function offerRepeatContact(
  tx: Conn,
  filed: { id: number; customerId: number | null; email: string | null | undefined },
  now: Date,
): { id: number; radicado: string } | null {
  const open = openCaseOfKnownPetitioner(tx, filed, filed.id);
  if (!open) return null;
  tx.update(cases).set({ possibleRepeatOfId: open.id }).where(eq(cases.id, filed.id)).run();
  appendEvent(tx, {
    caseId: filed.id,
    action: 'repeat_offered',
    actorRole: 'system',
    actorId: null,
    visibility: 'internal',
    data: { openCaseId: open.id, openRadicado: open.radicado },
    createdAt: now,
  });
  return open;
}
