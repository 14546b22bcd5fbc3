'use server';

import type { FormBody } from '@/app/_components/use-form-action';
import { action } from '@/lib/server/core/action';
import { completeIdentity } from '@/lib/server/petitioners/complete-identity';
import { decideRepeatOffer } from '@/lib/server/petitioners/repeat-decision';
import { CompleteIdentitySchema, RepeatDecisionSchema } from '@/lib/validation/petitioner';

const MESSAGES = ['petitioners.validation'] as const;

const identityAction = action(
  { access: 'staff', schema: CompleteIdentitySchema, messages: MESSAGES },
  completeIdentity,
);

/** Completes the pending identity of the case the page shows (bound: caseId, version). */
export async function completeCaseIdentity(caseId: number, version: number, body: FormBody) {
  return identityAction(body, { caseId, version });
}

const repeatAction = action(
  { access: 'staff', schema: RepeatDecisionSchema, messages: MESSAGES },
  decideRepeatOffer,
);

/** Joins the case to the open one intake offered, or keeps it apart (bound: caseId, version). */
export async function decideRepeat(caseId: number, version: number, body: FormBody) {
  return repeatAction(body, { caseId, version });
}
