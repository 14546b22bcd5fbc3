import 'server-only';
import { desc, eq } from 'drizzle-orm';
import { getDb, type Db, type Conn } from '@/db/client';
import { caseTypes, caseTypeTerms } from '@/db/schema';
import { CASE_TYPES, DEFAULT_ANONYMOUS_TYPES, type CaseType } from '@/lib/domain/enums';
import { CaseTypeSettingsSchema, TermChangeSchema } from '@/lib/validation/admin-config';
import type { Actor } from '../core/actor';
import { appendEvent } from '../core/audit';
import { termInForce } from '../cases/case-terms';
import type { UseCaseOptions } from '../cases/create-case';
import { parseInput } from '../core/parse';
import { assertAdmin } from './config-guard';

export interface TermVersion {
  id: number;
  termDays: number | null;
  validFrom: Date;
  reason: string | null;
}

export interface CaseTypeConfig {
  code: CaseType;
  termDays: number | null;
  allowsAnonymous: boolean;
  isActive: boolean;
  handleTargetMinutes: number;
  history: TermVersion[];
}

/** The case_types row a type needs before a term can point at it (defaults until first saved). */
export function ensureCaseType(tx: Conn, code: CaseType) {
  tx.insert(caseTypes)
    .values({ code, allowsAnonymous: DEFAULT_ANONYMOUS_TYPES.includes(code) })
    .onConflictDoNothing()
    .run();
  return tx.select().from(caseTypes).where(eq(caseTypes.code, code)).get()!;
}

/** Every PQRS type with the term in force now, its term history (newest first) and its settings. */
export function listCaseTypeConfig(options: UseCaseOptions = {}): CaseTypeConfig[] {
  const db: Db = options.db ?? getDb();
  const now = options.now ?? new Date();
  const rows = new Map(
    db
      .select()
      .from(caseTypes)
      .all()
      .map((t) => [t.code, t]),
  );
  const history = db.select().from(caseTypeTerms).orderBy(desc(caseTypeTerms.validFrom)).all();
  return CASE_TYPES.map((code) => {
    const row = rows.get(code);
    return {
      code,
      termDays: termInForce(db, code, now),
      allowsAnonymous: row?.allowsAnonymous ?? DEFAULT_ANONYMOUS_TYPES.includes(code),
      isActive: row?.isActive ?? true,
      handleTargetMinutes: row?.handleTargetMinutes ?? 30,
      history: history
        .filter((h) => h.typeCode === code)
        .map((h) => ({ id: h.id, termDays: h.termDays, validFrom: h.validFrom, reason: h.reason })),
    };
  });
}

/**
 * Sets a new legal term for a type, in force from `now`: cases radicated afterwards take it; cases
 * already radicated keep the term (and cached due dates) they started with — nothing is recomputed.
 */
export function setTerm(input: unknown, actor: Actor, options: UseCaseOptions = {}) {
  assertAdmin(actor);
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  const data = parseInput(TermChangeSchema, input);
  return db.transaction(
    (tx) => {
      ensureCaseType(tx, data.typeCode);
      const previous = termInForce(tx, data.typeCode, now);
      const row = tx
        .insert(caseTypeTerms)
        .values({
          typeCode: data.typeCode,
          termDays: data.termDays,
          validFrom: now,
          reason: data.reason,
          createdBy: actor.id,
          createdAt: now,
        })
        .returning({ id: caseTypeTerms.id })
        .get();
      appendEvent(tx, {
        caseId: null,
        action: 'term_changed',
        actorRole: actor.role,
        actorId: actor.id,
        visibility: 'internal',
        body: data.reason,
        data: { typeCode: data.typeCode, from: previous, to: data.termDays, termId: row.id },
        createdAt: now,
      });
      return { id: row.id };
    },
    { behavior: 'immediate' },
  );
}

/** Whether a type may be filed anonymously, whether it is offered, and its handle-time target. */
export function updateCaseType(input: unknown, actor: Actor, options: UseCaseOptions = {}) {
  assertAdmin(actor);
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  const data = parseInput(CaseTypeSettingsSchema, input);
  return db.transaction(
    (tx) => {
      const before = ensureCaseType(tx, data.typeCode);
      tx.update(caseTypes)
        .set({
          allowsAnonymous: data.allowsAnonymous,
          isActive: data.isActive,
          handleTargetMinutes: data.handleTargetMinutes,
        })
        .where(eq(caseTypes.code, data.typeCode))
        .run();
      appendEvent(tx, {
        caseId: null,
        action: 'case_type_updated',
        actorRole: actor.role,
        actorId: actor.id,
        visibility: 'internal',
        data: {
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
        },
        createdAt: now,
      });
      return { typeCode: data.typeCode };
    },
    { behavior: 'immediate' },
  );
}
