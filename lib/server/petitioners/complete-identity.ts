import 'server-only';
import { first, one } from '@/db/rows';
import { and, eq, sql } from 'drizzle-orm';
import { cases, customers } from '@/db/tables';
import { CompleteIdentitySchema } from '@/lib/validation/petitioner';
import { canAccessCase } from '../cases/case-access';
import { appendEvent } from '../core/audit';
import { withTransaction, type Ctx } from '../core/context';
import { AppError } from '../core/errors';
import { requireRole } from '../core/guard';
import { parseInput } from '../core/parse';

export interface CompletedIdentity {
  customerId: number;
  /** True when the document belonged to a petitioner already on record (the case joins them). */
  isKnownPetitioner: boolean;
  version: number;
}

/**
 * Completes the identity of a case filed by e-mail or API without a document (issue 14 §5): the
 * case joins the petitioner with that document (created when new; a known one keeps their data,
 * gaining only what they lacked), within the staff member's scope, at the version they saw. The
 * case's history records who did it, with the before (the address it came from) and the after.
 */
export async function completeIdentity(ctx: Ctx, input: unknown): Promise<CompletedIdentity> {
  requireRole(ctx.actor, 'staff');
  const actor = ctx.actor;
  const who = parseInput(CompleteIdentitySchema, input);
  return withTransaction(ctx, async ({ db: tx, now }) => {
    const row = await first(
      tx
        .select({
          id: cases.id,
          state: cases.state,
          teamId: cases.teamId,
          assigneeId: cases.assigneeId,
          customerId: cases.customerId,
          isAnonymous: cases.isAnonymous,
          responseAddress: cases.responseAddress,
          version: cases.version,
        })
        .from(cases)
        .where(eq(cases.id, who.caseId)),
    );
    if (!row) throw new AppError('NOT_FOUND', 'case not found');
    if (!canAccessCase(actor, row)) throw new AppError('FORBIDDEN', 'not your case');
    if (row.version !== who.version) throw new AppError('CONFLICT', 'case changed');
    if (row.customerId !== null || row.isAnonymous) {
      throw new AppError('VALIDATION', 'identity already known', {
        fieldErrors: { documentNumber: ['identityKnown'] },
      });
    }
    const known = await first(
      tx
        .select({
          id: customers.id,
          email: customers.email,
          phone: customers.phone,
          address: customers.address,
          anonymizedAt: customers.anonymizedAt,
        })
        .from(customers)
        .where(
          and(
            eq(customers.documentType, who.documentType),
            eq(customers.documentNumber, who.documentNumber),
          ),
        ),
    );
    if (known?.anonymizedAt) {
      throw new AppError('VALIDATION', 'anonymised petitioner', {
        fieldErrors: { documentNumber: ['anonymised'] },
      });
    }
    // The address to answer to, when it is one (an API case may answer through its channel).
    const given = who.email ?? row.responseAddress;
    const email = given?.includes('@') ? given.toLowerCase() : null;
    const customerId = known
      ? known.id
      : (
          await one(
            tx
              .insert(customers)
              .values({
                documentType: who.documentType,
                documentNumber: who.documentNumber,
                fullName: who.fullName,
                email,
                phone: who.phone ?? null,
                address: who.address ?? null,
                createdAt: now,
              })
              .returning({ id: customers.id }),
          )
        ).id;
    if (known) {
      // A known petitioner keeps what is on record; the case only fills what they lacked.
      const fill = {
        ...(!known.email && email ? { email } : {}),
        ...(!known.phone && who.phone ? { phone: who.phone } : {}),
        ...(!known.address && who.address ? { address: who.address } : {}),
      };
      if (Object.keys(fill).length > 0) {
        await tx
          .update(customers)
          .set({ ...fill, updatedAt: now })
          .where(eq(customers.id, known.id));
      }
    }
    const updated = (await first(
      tx
        .update(cases)
        .set({ customerId, version: sql`${cases.version} + 1`, updatedAt: now })
        .where(eq(cases.id, row.id))
        .returning({ version: cases.version }),
    ))!;
    await appendEvent(tx, {
      caseId: row.id,
      action: 'identity_completed',
      actorRole: actor.role,
      actorId: actor.id,
      fromState: row.state,
      toState: row.state,
      visibility: 'internal',
      data: {
        customerId,
        isKnownPetitioner: known !== undefined,
        before: { customerId: null, responseAddress: row.responseAddress },
        after: {
          customerId,
          documentType: who.documentType,
          documentNumber: who.documentNumber,
          fullName: who.fullName,
        },
      },
      createdAt: now,
    });
    return { customerId, isKnownPetitioner: known !== undefined, version: updated.version };
  });
}
