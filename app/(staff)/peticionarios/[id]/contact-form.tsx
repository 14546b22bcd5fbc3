'use client';

import { useTranslations } from '@/lib/i18n/client';
import { FormOutcome, useFormAction, type Send } from '@/app/_components/use-form-action';
import { TextField } from '@/app/_components/text-field';

/** "Corregir datos": the name and contact data as they should read, and why they change. */
export function ContactForm({
  submit,
  current,
}: {
  submit: Send<unknown>;
  current: { fullName: string; email: string | null; phone: string | null; address: string | null };
}) {
  const t = useTranslations('petitioners.correct');
  const { onSubmit, isPending, result, errors } = useFormAction(submit);
  return (
    <details className="action-item">
      <summary>{t('open')}</summary>
      <form onSubmit={onSubmit} noValidate className="form compact" data-testid="contact-form">
        <p className="small muted">{t('intro')}</p>
        <FormOutcome result={result} success={t('done')} />
        <TextField
          name="fullName"
          label={t('fullName')}
          defaultValue={current.fullName}
          required
          errors={errors.fullName}
        />
        <TextField
          name="email"
          type="email"
          label={t('email')}
          defaultValue={current.email ?? ''}
          errors={errors.email}
        />
        <TextField
          name="phone"
          type="tel"
          label={t('phone')}
          defaultValue={current.phone ?? ''}
          errors={errors.phone}
        />
        <TextField
          name="address"
          label={t('address')}
          defaultValue={current.address ?? ''}
          errors={errors.address}
        />
        <TextField name="reason" label={t('reason')} required errors={errors.reason} />
        <button type="submit" className="button button-primary" disabled={isPending}>
          {t('submit')}
        </button>
      </form>
    </details>
  );
}
