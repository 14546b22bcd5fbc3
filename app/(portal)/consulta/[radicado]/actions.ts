'use server';

import { z } from 'zod';
import { applyCaseAction } from '@/lib/server/cases/apply-case-action';
import { checkUploads, incomingFiles, withStoredFiles } from '@/lib/server/cases/uploads';
import { action } from '@/lib/server/core/action';
import { getOrganization } from '@/lib/server/core/organization';
import { petitioner, petitionerCaseId } from '@/lib/server/portal/petitioner-access';
import { rateCase } from '@/lib/server/portal/rate-case';
import { localDateTimeToInstant } from '@/lib/validation/portal';

/**
 * The petitioner's forms send their text as typed; the verbs parse it (their field messages are the
 * ones people see), so these schemas only take the fields each form has.
 */
const typed = z.string().optional();

const provideInfoAction = action(
  { access: petitioner, schema: z.object({ body: typed, attachments: z.unknown().optional() }) },
  async (ctx, input) => {
    const checked = await checkUploads(await incomingFiles(input.attachments ?? []));
    return withStoredFiles(checked, async (stored) => {
      const applied = await applyCaseAction(
        ctx,
        { caseId: petitionerCaseId(ctx), action: 'provide_info', body: input.body },
        { attachments: stored },
      );
      return applied.to;
    });
  },
);

const moreTimeAction = action({ access: petitioner, schema: z.object({}) }, async (ctx) => {
  const applied = await applyCaseAction(ctx, {
    caseId: petitionerCaseId(ctx),
    action: 'ask_more_time',
  });
  return applied.to;
});

const rateAction = action(
  {
    access: petitioner,
    schema: z.object({ result: typed, courtesy: typed, clarity: typed, comment: typed }),
  },
  async (ctx, input) => {
    await rateCase(ctx, { caseId: petitionerCaseId(ctx), ...input });
    return true;
  },
);

const disagreeAction = action(
  { access: petitioner, schema: z.object({ reason: typed }) },
  async (ctx, input) =>
    (
      await applyCaseAction(ctx, {
        caseId: petitionerCaseId(ctx),
        action: 'disagree',
        reason: input.reason,
      })
    ).to,
);

const callbackAction = action(
  { access: petitioner, schema: z.object({ preferredAt: typed, phone: typed, note: typed }) },
  async (ctx, input) => {
    const org = await getOrganization(ctx.db);
    const preferred = input.preferredAt ?? '';
    const note = [input.phone, input.note].filter(Boolean).join(' · ');
    const applied = await applyCaseAction(ctx, {
      caseId: petitionerCaseId(ctx),
      action: 'request_callback',
      preferredAt: preferred ? localDateTimeToInstant(preferred, org.timeZone) : '',
      body: note || undefined,
    });
    return applied.to;
  },
);

/** Each form sends its case's `radicado`: the signed cookie must open exactly that case. */
type Form = FormData | Record<string, unknown>;

export async function provideInfo(form: Form) {
  return provideInfoAction(form);
}
export async function askMoreTime(form: Form) {
  return moreTimeAction(form);
}
export async function rateAnswer(form: Form) {
  return rateAction(form);
}
export async function disagree(form: Form) {
  return disagreeAction(form);
}
export async function requestCallback(form: Form) {
  return callbackAction(form);
}
