import 'server-only';
import { first } from '@/db/rows';
import { and, eq } from 'drizzle-orm';
import type { Conn } from '@/db/client';
import { cases, customers } from '@/db/tables';
import type { Actor } from '../core/actor';
import { caseScopeFilter } from '../cases/case-access';
import { AppError } from '../core/errors';

export interface ScopedPetitioner {
  id: number;
  documentType: string;
  documentNumber: string;
  fullName: string;
  email: string | null;
  phone: string | null;
  address: string | null;
  locale: string;
  anonymizedAt: Date | null;
  createdAt: Date;
}

/**
 * The petitioner as this staff member may see them: supervisors and admins see everyone; an agent
 * sees a petitioner only when one of their cases is within the agent's scope. Anyone else reads
 * as not found, so the page does not tell whether a document is on record.
 */
export async function petitionerInScope(
  tx: Conn,
  actor: Actor,
  customerId: number,
): Promise<ScopedPetitioner> {
  const row = await first(
    tx
      .select({
        id: customers.id,
        documentType: customers.documentType,
        documentNumber: customers.documentNumber,
        fullName: customers.fullName,
        email: customers.email,
        phone: customers.phone,
        address: customers.address,
        locale: customers.locale,
        anonymizedAt: customers.anonymizedAt,
        createdAt: customers.createdAt,
      })
      .from(customers)
      .where(eq(customers.id, customerId)),
  );
  if (!row) throw new AppError('NOT_FOUND', 'petitioner not found');
  if (actor.role === 'agent') {
    const inScope = await first(
      tx
        .select({ id: cases.id })
        .from(cases)
        .where(and(eq(cases.customerId, customerId), caseScopeFilter(actor)))
        .limit(1),
    );
    if (!inScope) throw new AppError('NOT_FOUND', 'petitioner not found');
  } else if (actor.role === 'customer') {
    throw new AppError('FORBIDDEN', 'staff only');
  }
  return row;
}
