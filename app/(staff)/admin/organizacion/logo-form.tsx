'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState, useTransition, type FormEvent } from 'react';
import { Outcome } from '../personas/use-admin-form';
import { uploadLogoAction } from './actions';

type Result = Awaited<ReturnType<typeof uploadLogoAction>>;

/** Uploads a new logo (PNG or JPEG, at most 1 MB; the server checks the content). */
export function LogoForm({ hasLogo, version }: { hasLogo: boolean; version: string }) {
  const t = useTranslations('adminPeople.organization');
  const router = useRouter();
  const [result, setResult] = useState<Result | null>(null);
  const [isPending, startTransition] = useTransition();
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    startTransition(async () => {
      const outcome = await uploadLogoAction(data);
      setResult(outcome);
      if (outcome.ok) {
        form.reset();
        router.refresh();
      }
    });
  };
  const error = result && !result.ok ? result.fieldErrors?.logo?.[0] : undefined;
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
      <Outcome result={result} success={t('logoSaved')} />
    </form>
  );
}
