'use server';

import { getTranslations } from '@/lib/i18n/server';
import { z } from 'zod';
import { action, type ActionResult } from '@/lib/server/core/action';
import { isAppError } from '@/lib/server/core/errors';
import { reviewInteraction, type ReviewRefusal } from '@/lib/server/supervision/quality-review';

const Fields = z.record(z.string(), z.unknown());

/** The two refusals a supervisor can act on are answered in their own words, not as a bare 403/409. */
const review = action({ access: 'supervision', schema: Fields }, async (ctx, fields) => {
  try {
    return { ratingId: (await reviewInteraction(ctx, fields)).ratingId, refusal: null };
  } catch (error) {
    const guard = isAppError(error) ? error.detail?.guard : undefined;
    if (guard === 'own_interaction' || guard === 'already_reviewed') {
      return { ratingId: null, refusal: guard as ReviewRefusal };
    }
    throw error;
  }
});

export type ReviewResult = ActionResult<{ ratingId: number }>;

/** Saves a quality review; the form then shows the interaction again with the review on it. */
export async function submitReview(
  form: FormData | Record<string, unknown>,
): Promise<ReviewResult> {
  const result = await review(form);
  if (!result.ok) return result;
  if (result.data.refusal !== null) {
    const t = await getTranslations('quality.review.refusals');
    return { ok: false, code: 'CONFLICT', message: t(result.data.refusal) };
  }
  return { ok: true, data: { ratingId: result.data.ratingId } };
}
