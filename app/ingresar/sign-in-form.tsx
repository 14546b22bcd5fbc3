'use client';

import { signIn } from 'next-auth/react';
import { useTranslations } from '@/lib/i18n/client';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { collectFieldErrors, translateFieldErrors } from '@/lib/validation/issues';
import { SignInSchema } from '@/lib/validation/auth';
import { TextField } from '../_components/text-field';

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

  return (
    <form onSubmit={onSubmit} noValidate className="form">
      {error && (
        <p role="alert" className="alert alert-error">
          {errorText(error)}
        </p>
      )}
      <TextField
        name="email"
        type="email"
        label={t('email')}
        autoComplete="username"
        required
        errors={fieldErrors.email}
      />
      <TextField
        name="password"
        type="password"
        label={t('password')}
        autoComplete="current-password"
        required
        errors={fieldErrors.password}
      />
      <button type="submit" className="button button-primary" disabled={isSubmitting}>
        {isSubmitting ? t('submitting') : t('submit')}
      </button>
    </form>
  );
}
