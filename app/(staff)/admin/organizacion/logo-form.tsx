'use client';

import { useTranslations } from '@/lib/i18n/client';
import { FormOutcome, useFormAction } from '@/app/_components/use-form-action';
import { uploadLogoAction } from './actions';

/** Uploads a new logo (PNG or JPEG, at most 1 MB; the server checks the content). */
export function LogoForm({ hasLogo, version }: { hasLogo: boolean; version: string }) {
  const t = useTranslations('adminPeople.organization');
  const { onSubmit, result, errors, isPending } = useFormAction(uploadLogoAction, {
    resetOnSuccess: true,
  });
  const error = errors.logo?.[0];
  return (
    <form onSubmit={onSubmit} className="people-form org-form" noValidate>
      {hasLogo ? (
        // eslint-disable-next-line @next/next/no-img-element
        <img
          src={`/api/organizacion/logo?v=${encodeURIComponent(version)}`}
          alt={t('logoAlt')}
          className="org-logo"
        />
      ) : (
        <p className="muted">{t('noLogo')}</p>
      )}
      <div className="field">
        <label htmlFor="org-logo">{t('logo')}</label>
        <input
          id="org-logo"
          name="logo"
          type="file"
          accept="image/png,image/jpeg"
          aria-describedby={error ? 'org-logo-hint org-logo-error' : 'org-logo-hint'}
          aria-invalid={error ? true : undefined}
        />
        {error ? (
          <p id="org-logo-error" className="field-error">
            {error}
          </p>
        ) : null}
      </div>
      <p id="org-logo-hint" className="muted">
        {t('logoHint')}
      </p>
      <button type="submit" className="button" disabled={isPending}>
        {t('uploadLogo')}
      </button>
      <FormOutcome result={result} success={t('logoSaved')} />
    </form>
  );
}
