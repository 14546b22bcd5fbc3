'use server';

import type { FormBody } from '@/app/_components/use-form-action';
import { applyCaseAction } from '@/lib/server/cases/apply-case-action';
import { applyPromiseAction } from '@/lib/server/cases/apply-promise-action';
import { previewAnswerLetter } from '@/lib/server/letters/prepare-answer-letter';
import { AnswerPreviewSchema } from '@/lib/validation/answer-preview';
import { staffCaseFormInput } from '@/lib/server/cases/case-id';
import { checkUploads, incomingFiles, withStoredFiles } from '@/lib/server/cases/uploads';
import { AppError } from '@/lib/server/core/errors';
import { action } from '@/lib/server/core/action';
import { takesFiles } from '@/lib/validation/case-action';
import { CaseFormSchema, PromiseFormSchema } from '@/lib/validation/case-form';
import { LetterPostingSchema, PostalDeliverySchema } from '@/lib/validation/postal-delivery';
import { recordPostalDelivery } from '@/lib/server/cases/record-postal-delivery';
import { recordLetterPosting } from '@/lib/server/letters/notice-letter';

/**
 * One action on a case, with the files the agent chose when the action carries them (a reply, an
 * information request, the answer, a note): checked by content like the portal's, written only
 * if the action commits.
 */
const caseAction = action(
  { access: 'staff', schema: CaseFormSchema },
  async (ctx, { caseId, attachments, ...fields }) => {
    const files = await incomingFiles(attachments ?? []);
    if (files.length > 0 && !takesFiles(fields.action)) {
      throw new AppError('VALIDATION', 'files on an action that takes none', {
        fieldErrors: { attachments: ['filesNotAllowed'] },
      });
    }
    return withStoredFiles(await checkUploads(files), async (stored, discard) => {
      const input = { ...(await staffCaseFormInput(ctx, fields)), caseId };
      const applied = await applyCaseAction(ctx, input, { attachments: stored });
      if (applied.replayed) discard();
      return { to: applied.to, version: applied.version };
    });
  },
);

const promiseAction = action(
  { access: 'staff', schema: PromiseFormSchema },
  async (ctx, { promiseId, ...fields }) =>
    applyPromiseAction(ctx, { ...(await staffCaseFormInput(ctx, fields)), promiseId }),
);

/** One action on the case the page shows (bound: `actOnCase.bind(null, caseId)`). */
export async function actOnCase(caseId: number, body: FormBody) {
  return caseAction(body, { caseId });
}

export async function actOnPromise(promiseId: number, body: FormBody) {
  return promiseAction(body, { promiseId });
}

const answerPreview = action({ access: 'staff', schema: AnswerPreviewSchema }, previewAnswerLetter);

/** The answer letter as it would go out, without saving anything (the answer form's preview). */
export async function previewAnswer(caseId: number, body: FormBody) {
  return answerPreview(body, { caseId });
}

const postalAction = action(
  { access: 'staff', schema: PostalDeliverySchema, messages: ['caseStory.validation'] },
  (ctx, input) => recordPostalDelivery(ctx, input).then(({ eventId }) => ({ eventId })),
);

/** Records the day a postal answer was posted (bound: `recordPosting.bind(null, caseId)`). */
export async function recordPosting(caseId: number, body: FormBody) {
  return postalAction(body, { caseId });
}

const letterPostingAction = action(
  { access: 'staff', schema: LetterPostingSchema, messages: ['caseStory.validation'] },
  (ctx, input) => recordLetterPosting(ctx, input).then(({ sentAt }) => sentAt.toISOString()),
);

/** Records the day a notice letter of a postal case was posted (bound: `postLetter.bind(null, caseId)`). */
export async function postLetter(caseId: number, body: FormBody) {
  return letterPostingAction(body, { caseId });
}
