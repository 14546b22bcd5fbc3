'use server';

import { getTranslations } from 'next-intl/server';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { staffAction, type ActionResult } from '@/lib/server/core/action';
import { isAppError } from '@/lib/server/core/errors';
import { SUPERVISION_ROLES } from '@/lib/server/supervision/access';
import { reviewInteraction, type ReviewRefusal } from '@/lib/server/supervision/quality-review';

const Fields = z.record(z.string(), z.string());

/** The two refusals a supervisor can act on are answered in their own words, not as a bare 403/409. */
const review = staffAction({ roles: SUPERVISION_ROLES, schema: Fields }, (fields, actor) => {
  try {
    return { ratingId: reviewInteraction(fields, actor).ratingId, refusal: null };
  } catch (error) {
    const guard = isAppError(error) ? error.detail?.guard : undefined;
    if (guard === 'own_interaction' || guard === 'already_reviewed') {
      return { ratingId: null, refusal: guard as ReviewRefusal };
    }
    throw error;
  }
});

export type ReviewResult = ActionResult<{ ratingId: number }> | null;

/** Saves a quality review, then shows the interaction again with the review on it. */
export async function submitReview(form: FormData): Promise<ReviewResult> {
  const fields = Object.fromEntries(
    [...form.entries()].filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
  const result = await review(fields);
  if (!result.ok) return result;
  if (result.data.refusal !== null) {
    const t = await getTranslations('quality.review.refusals');
    return { ok: false, code: 'CONFLICT', message: t(result.data.refusal) };
  }
  redirect(`/calidad/revision/${encodeURIComponent(fields.interactionId ?? '')}?guardada=1`);
}
