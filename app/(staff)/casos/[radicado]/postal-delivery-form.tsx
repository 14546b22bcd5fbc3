'use client';

import { useTranslations } from 'next-intl';
import { FormOutcome, useFormAction, type Send } from '@/app/_components/use-form-action';
import { TextField } from '@/app/_components/text-field';

/** "Enviada por correo postal el …": the day the answer letter went to the post office. */
export function PostalDeliveryForm({
  submit,
  postedOn,
  today,
}: {
  submit: Send<unknown>;
  /** The day already recorded, if any (recording again corrects it). */
  postedOn: string | null;
  /** Today in the organisation's zone: the latest day accepted. */
  today: string;
}) {
  const t = useTranslations('caseStory.postal');
  const { onSubmit, isPending, result, errors } = useFormAction(submit);
  return (
    <section className="card" aria-labelledby="postal-title">
      <h2 id="postal-title">{t('title')}</h2>
      <p className="hint">{t('hint')}</p>
      <form onSubmit={onSubmit} noValidate className="form compact">
        <FormOutcome result={result} success={t('done')} />
        <TextField
          name="postedOn"
          label={t('postedOn')}
          type="date"
          max={today}
          defaultValue={postedOn ?? today}
          required
          errors={errors.postedOn}
        />
        <button type="submit" className="button button-primary" disabled={isPending}>
          {t('submit')}
        </button>
      </form>
    </section>
  );
}
