'use client';

import { useTranslations } from '@/lib/i18n/client';
import { TextField } from '@/app/_components/text-field';
import { FormOutcome, useFormAction, type Send } from '@/app/_components/use-form-action';

/** Sends a copy of the constancia by e-mail: the petitioner's address, or one they dictate. */
export function SendConstanciaForm({
  send,
  defaultTo,
}: {
  send: Send<{ mailId: number }>;
  defaultTo: string;
}) {
  const t = useTranslations('intake.sendConstancia');
  const form = useFormAction(send);
  return (
    <section className="card no-print" aria-labelledby="send-constancia-title">
      <h2 id="send-constancia-title">{t('title')}</h2>
      <form onSubmit={form.onSubmit} noValidate className="form inline-form">
        <TextField
          name="to"
          id="constancia-to"
          type="email"
          label={t('to')}
          defaultValue={defaultTo}
          autoComplete="off"
          errors={form.errors.to}
        />
        <button type="submit" className="button button-primary" disabled={form.isPending}>
          {t('submit')}
        </button>
        <FormOutcome result={form.result} success={t('sent')} />
      </form>
    </section>
  );
}
