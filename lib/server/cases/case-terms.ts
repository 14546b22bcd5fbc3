import 'server-only';
import { instantParam } from '@/db/dialect';
import { and, asc, desc, eq, gte, lte, sql } from 'drizzle-orm';
import type { Conn } from '@/db/client';
import { casePauses, caseTypeTerms, termSuspensions, type cases } from '@/db/tables';
import { toLocalDate, type BusinessCalendar } from '@/lib/domain/calendar';
import { maxExtensionDays } from '@/lib/domain/regimes';
import { coversType } from '@/lib/domain/term-suspension';
import { DEFAULT_TERM_DAYS, type CaseType } from '@/lib/domain/enums';
import {
  computeLegalTerm,
  extensionDaysTo,
  type LegalTerm,
  type LegalTermInput,
  type ReceiptRule,
} from '@/lib/domain/legal-term';
import { preparedQuery } from '../core/prepared';

/** The legal term (business days) in force for a type at an instant; versions never apply backwards. */
export async function termInForce(db: Conn, typeCode: CaseType, at: Date): Promise<number | null> {
  // A placeholder in a condition is bound as is: the instant as stored (epoch ms).
  const row = await termRow(db).get({ typeCode, at: instantParam(at) });
  return row ? row.termDays : DEFAULT_TERM_DAYS[typeCode];
}

/**
 * `termInForce` for many instants at once (the demo seed plans thousands of cases before it files
 * them): every term version read once, then looked up in memory with the same rule.
 */
export async function termsInForce(
  db: Conn,
): Promise<(typeCode: CaseType, at: Date) => number | null> {
  const versions = await db
    .select()
    .from(caseTypeTerms)
    .orderBy(desc(caseTypeTerms.validFrom), desc(caseTypeTerms.id));
  return (typeCode, at) => {
    const row = versions.find((v) => v.typeCode === typeCode && v.validFrom <= at);
    return row ? row.termDays : DEFAULT_TERM_DAYS[typeCode];
  };
}

/**
 * The business days a prórroga may add to a case of this type radicated at `at`: the limit of the
 * term version in force then (a regime's), or the term itself (the 2N cap) when it sets none.
 */
export async function extensionLimitInForce(
  db: Conn,
  typeCode: CaseType,
  at: Date,
  termDays: number,
) {
  const row = await termRow(db).get({ typeCode, at: instantParam(at) });
  return maxExtensionDays(termDays, row?.extensionDays ?? null);
}

// Every filing asks: built once per connection.
const termRow = preparedQuery((db) =>
  db
    .select({ termDays: caseTypeTerms.termDays, extensionDays: caseTypeTerms.extensionDays })
    .from(caseTypeTerms)
    .where(
      and(
        eq(caseTypeTerms.typeCode, sql.placeholder('typeCode')),
        lte(caseTypeTerms.validFrom, sql.placeholder('at')),
      ),
    )
    .orderBy(desc(caseTypeTerms.validFrom), desc(caseTypeTerms.id))
    .limit(1)
    .prepare(),
);

type CaseTermFields = Pick<
  typeof cases.$inferSelect,
  'id' | 'receivedAt' | 'termDays' | 'extendedDueDate' | 'extensionDays'
>;

export async function termInputOf(
  db: Conn,
  row: CaseTermFields,
  receiptRule: ReceiptRule,
  cal: BusinessCalendar,
): Promise<LegalTermInput | null> {
  if (row.termDays === null) return null;
  const pauses = await db
    .select({ pausedAt: casePauses.pausedAt, resumedAt: casePauses.resumedAt })
    .from(casePauses)
    .where(eq(casePauses.caseId, row.id))
    .orderBy(asc(casePauses.pausedAt));
  const input = { receivedAt: row.receivedAt, termDays: row.termDays, pauses, receiptRule };
  return { ...input, extensionDays: row.extensionDays ?? legacyExtensionDays(input, row, cal) };
}

/**
 * A case extended before extensions were kept as business days (migration 0015) holds only the
 * new date: its days are read as that date minus the term's own due date. A case paused now reads
 * none until it runs again, as an extension can only be granted on a running term.
 */
function legacyExtensionDays(
  input: LegalTermInput,
  row: CaseTermFields,
  cal: BusinessCalendar,
): number {
  if (row.extendedDueDate === null) return 0;
  return extensionDaysTo(input, row.extendedDueDate, cal) ?? 0;
}

/** The cached columns for a term: a paused or term-less case has no due instant. */
export function dueColumns(term: LegalTerm | null): {
  dueDate: string | null;
  dueAt: Date | null;
  isPaused: boolean;
} {
  if (!term) return { dueDate: null, dueAt: null, isPaused: false };
  if (term.status === 'paused') return { dueDate: null, dueAt: null, isPaused: true };
  return { dueDate: term.dueDate, dueAt: term.dueAt, isPaused: false };
}

export async function computeCaseTerm(
  db: Conn,
  row: CaseTermFields,
  cal: BusinessCalendar,
  receiptRule: ReceiptRule,
): Promise<LegalTerm | null> {
  const input = await termInputOf(db, row, receiptRule, cal);
  return input ? computeLegalTerm(input, cal) : null;
}

// Every filing asks (the table holds a handful of rows): built once per connection.
const suspensionsUntil = preparedQuery((db) =>
  db
    .select()
    .from(termSuspensions)
    .where(gte(termSuspensions.toDate, sql.placeholder('today')))
    .orderBy(asc(termSuspensions.fromDate))
    .prepare(),
);

/** The declared suspensions of terms that cover a case of `typeCode` arriving at `at`. */
export async function suspensionsCovering(
  db: Conn,
  typeCode: CaseType,
  at: Date,
  timeZone: string,
) {
  return (await suspensionsUntil(db).all({ today: toLocalDate(at, timeZone) })).filter((s) =>
    coversType(s, typeCode),
  );
}
