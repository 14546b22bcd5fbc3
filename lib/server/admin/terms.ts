import 'server-only';
import { first, one } from '@/db/rows';
import { mapInOrder } from '../core/in-order';
import { desc, eq } from 'drizzle-orm';
import type { Conn } from '@/db/client';
import { caseTypes, caseTypeTerms } from '@/db/tables';
import { CASE_TYPES, DEFAULT_ANONYMOUS_TYPES, type CaseType } from '@/lib/domain/enums';
import { CaseTypeSettingsSchema, TermChangeSchema } from '@/lib/validation/admin-config';
import { termInForce } from '../cases/case-terms';
import { withTransaction, type Ctx } from '../core/context';
import { requireRole } from '../core/guard';
import { parseInput } from '../core/parse';
import { appendAdminEvent } from './admin-event';

export interface TermVersion {
  id: number;
  termDays: number | null;
  /** Business days a prórroga may add; null: as many as the term. */
  extensionDays: number | null;
  validFrom: Date;
  reason: string | null;
}

export interface CaseTypeConfig {
  code: CaseType;
  termDays: number | null;
  /** The in-force version's extension limit (null: the 2N cap). */
  extensionDays: number | null;
  allowsAnonymous: boolean;
  isActive: boolean;
  handleTargetMinutes: number;
  history: TermVersion[];
}

/** The case_types row a type needs before a term can point at it (defaults until first saved). */
export async function ensureCaseType(tx: Conn, code: CaseType) {
  await tx
    .insert(caseTypes)
    .values({ code, allowsAnonymous: DEFAULT_ANONYMOUS_TYPES.includes(code) })
    .onConflictDoNothing();
  return (await first(tx.select().from(caseTypes).where(eq(caseTypes.code, code))))!;
}

/** Every PQRS type with the term in force now, its term history (newest first) and its settings. */
export async function listCaseTypeConfig(ctx: Ctx): Promise<CaseTypeConfig[]> {
  requireRole(ctx.actor, 'admin');
  const { db, now } = ctx;
  const rows = new Map((await db.select().from(caseTypes)).map((t) => [t.code, t]));
  const history = await db
    .select()
    .from(caseTypeTerms)
    .orderBy(desc(caseTypeTerms.validFrom), desc(caseTypeTerms.id));
  return mapInOrder(CASE_TYPES, async (code) => {
    const row = rows.get(code);
    const versions = history.filter((h) => h.typeCode === code && h.validFrom <= now);
    return {
      code,
      termDays: await termInForce(db, code, now),
      extensionDays: versions[0]?.extensionDays ?? null,
      allowsAnonymous: row?.allowsAnonymous ?? DEFAULT_ANONYMOUS_TYPES.includes(code),
      isActive: row?.isActive ?? true,
      handleTargetMinutes: row?.handleTargetMinutes ?? 30,
      history: history
        .filter((h) => h.typeCode === code)
        .map((h) => ({
          id: h.id,
          termDays: h.termDays,
          extensionDays: h.extensionDays,
          validFrom: h.validFrom,
          reason: h.reason,
        })),
    };
  });
}

/**
 * Sets a new legal term for a type, in force from `now`: cases radicated afterwards take it; cases
 * already radicated keep the term (and cached due dates) they started with — nothing is recomputed.
 */
export async function setTerm(ctx: Ctx, input: unknown) {
  requireRole(ctx.actor, 'admin');
  const createdBy = ctx.actor.id;
  const data = parseInput(TermChangeSchema, input);
  return withTransaction(ctx, async (tx) => {
    await ensureCaseType(tx.db, data.typeCode);
    const previous = await termInForce(tx.db, data.typeCode, tx.now);
    const row = await one(
      tx.db
        .insert(caseTypeTerms)
        .values({
          typeCode: data.typeCode,
          termDays: data.termDays,
          extensionDays: data.extensionDays,
          validFrom: tx.now,
          reason: data.reason,
          createdBy,
          createdAt: tx.now,
        })
        .returning({ id: caseTypeTerms.id }),
    );
    await appendAdminEvent(
      tx,
      'term_changed',
      {
        typeCode: data.typeCode,
        from: previous,
        to: data.termDays,
        extensionDays: data.extensionDays,
        termId: row.id,
      },
      { body: data.reason },
    );
    return { id: row.id };
  });
}

/** Whether a type may be filed anonymously, whether it is offered, and its handle-time target. */
export async function updateCaseType(ctx: Ctx, input: unknown) {
  requireRole(ctx.actor, 'admin');
  const data = parseInput(CaseTypeSettingsSchema, input);
  return withTransaction(ctx, async (tx) => {
    const before = await ensureCaseType(tx.db, data.typeCode);
    await tx.db
      .update(caseTypes)
      .set({
        allowsAnonymous: data.allowsAnonymous,
        isActive: data.isActive,
        handleTargetMinutes: data.handleTargetMinutes,
      })
      .where(eq(caseTypes.code, data.typeCode));
    await appendAdminEvent(tx, 'case_type_updated', {
      typeCode: data.typeCode,
      from: {
        allowsAnonymous: before.allowsAnonymous,
        isActive: before.isActive,
        handleTargetMinutes: before.handleTargetMinutes,
      },
      to: {
        allowsAnonymous: data.allowsAnonymous,
        isActive: data.isActive,
        handleTargetMinutes: data.handleTargetMinutes,
      },
    });
    return { typeCode: data.typeCode };
  });
}
