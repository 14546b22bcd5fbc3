import 'server-only';
import { eq } from 'drizzle-orm';
import { caseTypes, caseTypeTerms, organization } from '@/db/tables';
import { CASE_TYPES } from '@/lib/domain/enums';
import { regimeRules, type Regime } from '@/lib/domain/regimes';
import { RegimeChangeSchema } from '@/lib/validation/admin-config';
import { withTransaction, type Ctx } from '../core/context';
import { requireRole } from '../core/guard';
import { getOrganization } from '../core/organization';
import { parseInput } from '../core/parse';
import { appendAdminEvent } from './admin-event';
import { ensureCaseType } from './terms';

/**
 * Puts the organisation under a legal regime (lib/domain/regimes.ts), from now on: each type the
 * regime receives gets its term and extension limit as a new term version and its anonymity rule,
 * and is offered; the others stop being offered. Cases already filed keep their terms, and the
 * regime they were filed under keeps governing them (cases.regime). The admin may afterwards
 * offer more types or change any term on the same page.
 */
export async function setRegime(ctx: Ctx, input: unknown): Promise<{ regime: Regime }> {
  requireRole(ctx.actor, 'admin');
  const createdBy = ctx.actor.id;
  const { regime, reason } = parseInput(RegimeChangeSchema, input);
  return withTransaction(ctx, async (tx) => {
    const before = await getOrganization(tx.db);
    const rules = regimeRules(regime);
    await tx.db
      .insert(organization)
      .values({ ...before, id: 1, regime, updatedAt: tx.now })
      .onConflictDoUpdate({ target: organization.id, set: { regime, updatedAt: tx.now } });
    for (const code of CASE_TYPES) {
      await ensureCaseType(tx.db, code);
      const type = rules.types[code];
      await tx.db
        .update(caseTypes)
        .set(type ? { isActive: true, allowsAnonymous: type.allowsAnonymous } : { isActive: false })
        .where(eq(caseTypes.code, code));
      if (!type) continue;
      await tx.db.insert(caseTypeTerms).values({
        typeCode: code,
        termDays: type.termDays,
        extensionDays: type.extensionDays,
        validFrom: tx.now,
        reason: `${rules.law}: ${reason}`,
        createdBy,
        createdAt: tx.now,
      });
    }
    await appendAdminEvent(
      tx,
      'regime_changed',
      { from: before.regime, to: regime, law: rules.law },
      { body: reason },
    );
    return { regime };
  });
}
