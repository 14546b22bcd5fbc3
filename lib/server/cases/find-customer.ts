import 'server-only';
import { first } from '@/db/rows';
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../core/context';
import { cases, customers } from '@/db/tables';
import { OPEN_STATES, type DocumentType } from '@/lib/domain/enums';
import { caseScopeFilter } from './case-access';

/**
 * Verbal intake starts from the document: who this is and which cases they have open, so a second
 * call about the same matter becomes a repeat contact instead of a new case. Scoped like the case
 * page: an agent sees the open cases within their scope, and the petitioner's data only when at
 * least one of their cases is; a petitioner known only to other teams reads as not found (filing a
 * new case for them still links it to the same person).
 */
export async function findCustomerWithOpenCases(
  ctx: Ctx,
  who: { documentType: DocumentType; documentNumber: string },
) {
  const { db } = ctx;
  const customer = await first(
    db
      .select({
        id: customers.id,
        fullName: customers.fullName,
        email: customers.email,
        phone: customers.phone,
        address: customers.address,
      })
      .from(customers)
      .where(
        and(
          eq(customers.documentType, who.documentType),
          eq(customers.documentNumber, who.documentNumber.trim().toUpperCase()),
        ),
      ),
  );
  if (!customer) return { customer: null, openCases: [] };
  const scope = caseScopeFilter(ctx.actor);
  const known = await first(
    db
      .select({ id: cases.id })
      .from(cases)
      .where(and(eq(cases.customerId, customer.id), scope))
      .limit(1),
  );
  if (!known) return { customer: null, openCases: [] };
  const openCases = await db
    .select({
      id: cases.id,
      radicado: cases.radicado,
      typeCode: cases.typeCode,
      subject: cases.subject,
      state: cases.state,
      receivedAt: cases.receivedAt,
    })
    .from(cases)
    .where(and(eq(cases.customerId, customer.id), inArray(cases.state, [...OPEN_STATES]), scope))
    .orderBy(desc(cases.receivedAt));
  return { customer, openCases };
}
