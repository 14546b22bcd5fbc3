'use client';

import { signIn } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { collectFieldErrors, translateFieldErrors } from '@/lib/validation/issues';
import { SignInSchema } from '@/lib/validation/auth';

const KNOWN_ERRORS = ['INVALID_CREDENTIALS', 'RATE_LIMITED', 'VALIDATION', 'SessionRequired'];

export function SignInForm({
  returnTo,
  initialError,
}: {
  returnTo: string;
  initialError: string | null;
}) {
  const t = useTranslations('signIn');
  const tValidation = useTranslations('validation');
  const router = useRouter();
  const [error, setError] = useState<string | null>(initialError);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [isSubmitting, setSubmitting] = useState(false);

  const errorText = (code: string) => t(`errors.${KNOWN_ERRORS.includes(code) ? code : 'default'}`);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = SignInSchema.safeParse({
      email: form.get('email'),
      password: form.get('password'),
    });
    if (!parsed.success) {
      setFieldErrors(
        translateFieldErrors(collectFieldErrors(parsed.error), (k, p) => tValidation(k, p)),
      );
      setError(null);
      return;
    }
    setFieldErrors({});
    setSubmitting(true);
    const result = await signIn('credentials', { ...parsed.data, redirect: false });
    if (!result || result.error) {
      setSubmitting(false);
      setError(result?.error ?? 'default');
      return;
    }
    router.replace(returnTo);
    router.refresh();
  }

  const describedBy = (field: string) => (fieldErrors[field] ? `${field}-error` : undefined);
  return (
    <form onSubmit={onSubmit} noValidate className="form">
      {error && (
        <p role="alert" className="alert alert-error">
          {errorText(error)}
        </p>
      )}
      <div className="field">
        <label htmlFor="email">{t('email')}</label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          aria-invalid={Boolean(fieldErrors.email)}
          aria-describedby={describedBy('email')}
        />
        {fieldErrors.email && (
          <p id="email-error" className="field-error">
            {fieldErrors.email[0]}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor="password">{t('password')}</label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-invalid={Boolean(fieldErrors.password)}
          aria-describedby={describedBy('password')}
        />
        {fieldErrors.password && (
          <p id="password-error" className="field-error">
            {fieldErrors.password[0]}
          </p>
        )}
      </div>
      <button type="submit" className="button button-primary" disabled={isSubmitting}>
        {isSubmitting ? t('submitting') : t('submit')}
      </button>
    </form>
  );
}
