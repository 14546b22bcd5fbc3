'use server';

import type { FormBody } from '@/app/_components/use-form-action';
import { applyCaseAction } from '@/lib/server/cases/apply-case-action';
import { applyPromiseAction } from '@/lib/server/cases/apply-promise-action';
import { caseIdByRadicado } from '@/lib/server/cases/case-id';
import { action } from '@/lib/server/core/action';
import type { Ctx } from '@/lib/server/core/context';
import { getOrganization } from '@/lib/server/core/organization';
import { CaseFormSchema, caseFormInput, PromiseFormSchema } from '@/lib/validation/case-form';
import { PostalDeliverySchema } from '@/lib/validation/postal-delivery';
import { recordPostalDelivery } from '@/lib/server/cases/record-postal-delivery';

const formInput = (ctx: Ctx, fields: Record<string, unknown>) =>
  caseFormInput(fields, getOrganization(ctx.db).timeZone, (radicado) =>
    caseIdByRadicado(ctx.db, radicado),
  );

const caseAction = action(
  { access: 'staff', schema: CaseFormSchema },
  async (ctx, { caseId, ...fields }) => {
    const applied = await applyCaseAction(ctx, { ...formInput(ctx, fields), caseId });
    return { to: applied.to, version: applied.version };
  },
);

const promiseAction = action(
  { access: 'staff', schema: PromiseFormSchema },
  (ctx, { promiseId, ...fields }) =>
    applyPromiseAction(ctx, { ...formInput(ctx, fields), promiseId }),
);

/** One action on the case the page shows (bound: `actOnCase.bind(null, caseId)`). */
export async function actOnCase(caseId: number, body: FormBody) {
  return caseAction(body, { caseId });
}

export async function actOnPromise(promiseId: number, body: FormBody) {
  return promiseAction(body, { promiseId });
}

const postalAction = action(
  { access: 'staff', schema: PostalDeliverySchema, messages: ['caseStory.validation'] },
  (ctx, input) => recordPostalDelivery(ctx, input).then(({ eventId }) => ({ eventId })),
);

/** Records the day a postal answer was posted (bound: `recordPosting.bind(null, caseId)`). */
export async function recordPosting(caseId: number, body: FormBody) {
  return postalAction(body, { caseId });
}
