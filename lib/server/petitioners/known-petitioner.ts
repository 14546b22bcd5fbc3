import 'server-only';
import { inJsonIds } from '@/db/dialect';
import { and, desc, eq, inArray, ne, or, sql } from 'drizzle-orm';
import type { Conn } from '@/db/client';
import { cases, customers } from '@/db/tables';
import { OPEN_STATES } from '@/lib/domain/enums';
import { appendEvent } from '../core/audit';
import { preparedQuery } from '../core/prepared';

/**
 * The most recent open case of the petitioner a new e-mail or API message comes from (issue 14 §5):
 * the same person on record (by document), the same e-mail on their record, or the address an
 * earlier filing answers to. Anonymous cases never match. Each lookup is one index range: cases by
 * customer, by lower(response_address), customers by lower(email).
 */
export async function openCaseOfKnownPetitioner(
  tx: Conn,
  who: { customerId: number | null; email: string | null | undefined },
  excludeCaseId: number,
): Promise<{ id: number; radicado: string } | null> {
  const email = who.email?.trim().toLowerCase() || null;
  const byEmail = email ? (await customersByEmail(tx).all({ email })).map((r) => r.id) : [];
  const customerIds = [...new Set([...(who.customerId ? [who.customerId] : []), ...byEmail])];
  if (customerIds.length === 0 && !email) return null;
  return (
    (await openCaseOf(tx).get({ ids: JSON.stringify(customerIds), email, excludeCaseId })) ?? null
  );
}

// Every e-mail and API filing asks both: built once per connection.
const customersByEmail = preparedQuery((db) =>
  db
    .select({ id: customers.id })
    .from(customers)
    .where(eq(sql`lower(${customers.email})`, sql.placeholder('email')))
    .limit(20)
    .prepare(),
);

/**
 * The customers' ids come as a JSON array (`json_each`), so one statement serves any number of
 * them; a null e-mail matches no address. Still one index range per branch of the OR.
 */
const openCaseOf = preparedQuery((db) =>
  db
    .select({ id: cases.id, radicado: cases.radicado })
    .from(cases)
    .where(
      and(
        or(
          inJsonIds(cases.customerId, 'ids'),
          eq(sql`lower(${cases.responseAddress})`, sql.placeholder('email')),
        ),
        ne(cases.id, sql.placeholder('excludeCaseId')),
        eq(cases.isAnonymous, false),
        inArray(cases.state, [...OPEN_STATES]),
      ),
    )
    .orderBy(desc(cases.receivedAt), desc(cases.id))
    .limit(1)
    .prepare(),
);

/**
 * A new e-mail or API filing from a petitioner with an open case is not silently a second case:
 * it is marked as a possible repeat contact of that case, for staff to join or keep apart, and its
 * history says so. Runs in the filing's transaction; returns the case offered, if any.
 */
export async function offerRepeatContact(
  tx: Conn,
  filed: { id: number; customerId: number | null; email: string | null | undefined },
  now: Date,
): Promise<{ id: number; radicado: string } | null> {
  const open = await openCaseOfKnownPetitioner(tx, filed, filed.id);
  if (!open) return null;
  await tx.update(cases).set({ possibleRepeatOfId: open.id }).where(eq(cases.id, filed.id));
  await appendEvent(tx, {
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
