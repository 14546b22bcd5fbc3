'use client';

import { useTranslations } from '@/lib/i18n/client';
import { useRouter } from 'next/navigation';
import { FormOutcome, useFormAction } from '@/app/_components/use-form-action';
import { REVIEW_RUBRIC } from '@/lib/validation/quality-review';
import type { ReviewResult } from './actions';

/** The rubric: five required scores (1–5) and an optional comment. */
export function ReviewForm({
  interactionId,
  submit,
}: {
  interactionId: number;
  submit: (form: FormData | Record<string, unknown>) => Promise<ReviewResult>;
}) {
  const t = useTranslations('quality.review');
  const router = useRouter();
  // Saved: the page again, with the review listed and the "saved" notice.
  const { onSubmit, result, errors, isPending } = useFormAction(submit, {
    onSuccess: () => router.push(`/calidad/revision/${interactionId}?guardada=1`),
  });
  return (
    <form onSubmit={onSubmit} noValidate className="form review-scores">
      <input type="hidden" name="interactionId" value={interactionId} />
      {result && !result.ok ? <FormOutcome result={result} /> : null}
      <p className="hint">{t('scale')}</p>
      {REVIEW_RUBRIC.map((criterion) => {
        const error = errors[criterion]?.[0];
        const hintId = `${criterion}-hint`;
        const errorId = `${criterion}-error`;
        return (
          <fieldset
            key={criterion}
            className="score-group"
            aria-describedby={error ? `${hintId} ${errorId}` : hintId}
          >
            <legend>{t(`criteria.${criterion}`)}</legend>
            <p id={hintId} className="hint">
              {t(`hints.${criterion}`)}
            </p>
            <div className="score-options">
              {[1, 2, 3, 4, 5].map((score) => (
                <label key={score}>
                  <input type="radio" name={criterion} value={score} />
                  {score}
                </label>
              ))}
            </div>
            {error ? (
              <p id={errorId} className="field-error">
                {error}
              </p>
            ) : null}
          </fieldset>
        );
      })}
      <div className="field">
        <label htmlFor="review-comment">{t('comment')}</label>
        <textarea
          id="review-comment"
          name="comment"
          rows={4}
          maxLength={2000}
          aria-describedby={errors.comment ? 'review-comment-error' : undefined}
          aria-invalid={errors.comment ? true : undefined}
        />
        {errors.comment ? (
          <p id="review-comment-error" className="field-error">
            {errors.comment[0]}
          </p>
        ) : null}
      </div>
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={isPending}>
          {t('save')}
        </button>
      </div>
    </form>
  );
}
