'use server';

import { getTranslations } from '@/lib/i18n/server';
import type { FormBody } from '@/app/_components/use-form-action';
import { bulkCases } from '@/lib/server/cases/bulk-cases';
import { action, failureOf } from '@/lib/server/core/action';
import { BulkCasesSchema } from '@/lib/validation/bulk-cases';

/** A case's result as the queue shows it: done, or why not in the reader's language. */
export type BulkCaseOutcome =
  | { caseId: number; radicado: string; ok: true }
  | { caseId: number; radicado: string | null; ok: false; code: string; message: string };

/** Refusals of one case among many read better named for that case than as a page's error. */
const PER_CASE_CODES = ['CONFLICT', 'FORBIDDEN', 'NOT_FOUND'];

const bulkAction = action(
  { access: 'staff', schema: BulkCasesSchema, messages: ['bulkWork'] },
  async (ctx, input) => {
    const result = await bulkCases(ctx, input);
    const t = await getTranslations('bulkWork.caseErrors');
    const outcomes = await Promise.all(
      result.outcomes.map(async (o): Promise<BulkCaseOutcome> => {
        if (o.ok) return o;
        const failure = await failureOf(o.error, ['bulkWork']);
        const message = PER_CASE_CODES.includes(failure.code)
          ? t(failure.code as 'CONFLICT')
          : [failure.message, ...Object.values(failure.fieldErrors ?? {}).flat()].join(' ');
        return { caseId: o.caseId, radicado: o.radicado, ok: false, code: failure.code, message };
      }),
    );
    return { action: result.action, done: result.done, failed: result.failed, outcomes };
  },
);

/** One action on the cases selected in a queue (issue 14 §6); each case succeeds or fails alone. */
export async function runBulk(body: FormBody) {
  return bulkAction(body);
}
