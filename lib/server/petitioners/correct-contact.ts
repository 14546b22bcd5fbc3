import 'server-only';
import { eq } from 'drizzle-orm';
import { customers } from '@/db/tables';
import { CorrectContactSchema } from '@/lib/validation/petitioner';
import { appendAdminEvent } from '../admin/admin-event';
import { withTransaction, type Ctx } from '../core/context';
import { AppError } from '../core/errors';
import { requireRole } from '../core/guard';
import { parseInput } from '../core/parse';
import { petitionerInScope } from './petitioner-scope';

const FIELDS = ['fullName', 'email', 'phone', 'address'] as const;
type Field = (typeof FIELDS)[number];

export interface CorrectedContact {
  changed: Field[];
}

/**
 * Corrects a petitioner's name or contact data (issue 14 §5), by staff whose scope holds one of
 * their cases. Only what changed is written; the audit event keeps each changed field before and
 * after with the reason. Nothing changed is a 422 on the form, not an empty event; an anonymised
 * petitioner cannot be given data again.
 */
export async function correctContact(ctx: Ctx, input: unknown): Promise<CorrectedContact> {
  requireRole(ctx.actor, 'staff');
  const next = parseInput(CorrectContactSchema, input);
  return withTransaction(ctx, async (tx) => {
    const current = await petitionerInScope(tx.db, tx.actor, next.customerId);
    if (current.anonymizedAt) {
      throw new AppError('VALIDATION', 'anonymised petitioner', {
        fieldErrors: { fullName: ['anonymised'] },
      });
    }
    const wanted: Record<Field, string | null> = {
      fullName: next.fullName,
      email: next.email ?? null,
      phone: next.phone ?? null,
      address: next.address ?? null,
    };
    const changed = FIELDS.filter((f) => (current[f] ?? null) !== wanted[f]);
    if (changed.length === 0) {
      throw new AppError('VALIDATION', 'nothing changed', {
        fieldErrors: { fullName: ['nothingChanged'] },
      });
    }
    const set = Object.fromEntries(changed.map((f) => [f, wanted[f]]));
    await tx.db
      .update(customers)
      .set({ ...set, updatedAt: tx.now })
      .where(eq(customers.id, current.id));
    await appendAdminEvent(
      tx,
      'petitioner_corrected',
      {
        customerId: current.id,
        before: Object.fromEntries(changed.map((f) => [f, current[f] ?? null])),
        after: set,
      },
      { body: next.reason },
    );
    return { changed };
  });
}
