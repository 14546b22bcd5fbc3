import 'server-only';
import { mapInOrder } from '../core/in-order';
import type { Ctx } from '../core/context';
import { caseTypes } from '@/db/tables';
import { CASE_TYPES, DEFAULT_ANONYMOUS_TYPES, type CaseType } from '@/lib/domain/enums';
import { termInForce } from './case-terms';

export interface PublicCaseType {
  code: CaseType;
  termDays: number | null;
  allowsAnonymous: boolean;
}

/** The types a petitioner may file today, with the term in force and whether anonymity is allowed. */
export async function listCaseTypes(ctx: Ctx): Promise<PublicCaseType[]> {
  const { db, now } = ctx;
  const configured = new Map((await db.select().from(caseTypes)).map((t) => [t.code, t]));
  return mapInOrder(
    CASE_TYPES.filter((code) => configured.get(code)?.isActive ?? true),
    async (code) => ({
      code,
      termDays: await termInForce(db, code, now),
      allowsAnonymous:
        configured.get(code)?.allowsAnonymous ?? DEFAULT_ANONYMOUS_TYPES.includes(code),
    }),
  );
}
