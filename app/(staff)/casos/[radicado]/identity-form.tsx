'use client';

import { useTranslations } from '@/lib/i18n/client';
import { FormOutcome, useFormAction, type Send } from '@/app/_components/use-form-action';
import { DocumentTypeSelect } from '@/app/_components/document-type-select';
import { TextField } from '@/app/_components/text-field';

/**
 * "Completar identidad": the document and name of someone who wrote by e-mail or API without them,
 * with the address the case came from already filled in.
 */
export function IdentityForm({ submit, email }: { submit: Send<unknown>; email: string | null }) {
  const t = useTranslations('petitioners.identity');
  const { onSubmit, isPending, result, errors } = useFormAction(submit);
  return (
    <details className="action-item">
      <summary>{t('open')}</summary>
      <form onSubmit={onSubmit} noValidate className="form compact" data-testid="identity-form">
        <p className="small muted">{t('intro')}</p>
        <FormOutcome result={result} success={t('done')} />
        <DocumentTypeSelect id="identity-documentType" name="documentType" />
        <TextField
          id="identity-documentNumber"
          name="documentNumber"
          label={t('documentNumber')}
          autoComplete="off"
          required
          errors={errors.documentNumber}
        />
        <TextField
          id="identity-fullName"
          name="fullName"
          label={t('fullName')}
          required
          errors={errors.fullName}
        />
        <TextField
          id="identity-email"
          name="email"
          type="email"
          label={t('email')}
          defaultValue={email ?? ''}
          errors={errors.email}
        />
        <TextField
          id="identity-phone"
          name="phone"
          type="tel"
          label={t('phone')}
          errors={errors.phone}
        />
        <button type="submit" className="button button-primary" disabled={isPending}>
          {t('submit')}
        </button>
      </form>
    </details>
  );
}
