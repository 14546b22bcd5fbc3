'use client';

import { useTranslations } from '@/lib/i18n/client';
import type { Send } from '@/app/_components/use-form-action';
import { PostingDateForm } from './posting-date-form';

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
  return (
    <section className="card" aria-labelledby="postal-title">
      <h2 id="postal-title">{t('title')}</h2>
      <p className="hint">{t('hint')}</p>
      <PostingDateForm
        submit={submit}
        postedOn={postedOn}
        today={today}
        labels={{ postedOn: t('postedOn'), submit: t('submit'), done: t('done') }}
      />
    </section>
  );
}
