'use client';

import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { postForm, type FormFailure } from '../../_components/post-form';
import { TextField } from '../../_components/text-field';

export function LookupForm() {
  const t = useTranslations('portal.lookup');
  const router = useRouter();
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const mutation = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      postForm<{ url: string }>('/api/portal/consulta', body),
    onSuccess: (result) => {
      if (result.ok) router.push(result.data.url);
      else setFailure(result);
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    mutation.mutate({ radicado: form.get('radicado'), secret: form.get('secret') });
  }

  if (failure?.status === 429) {
    return (
      <div role="alert" className="alert alert-error">
        <h2>{t('tooManyTitle')}</h2>
        <p>
          {t('tooMany', {
            minutes: Math.max(1, Math.ceil((failure.retryAfterSeconds ?? 900) / 60)),
          })}
        </p>
      </div>
    );
  }
  const errors = failure?.fieldErrors ?? {};
  return (
    <form onSubmit={onSubmit} noValidate className="form">
      {failure?.status === 404 && (
        <p role="alert" className="alert alert-error">
          {t('notFound')}
        </p>
      )}
      <TextField
        name="radicado"
        label={t('radicado')}
        autoComplete="off"
        autoCapitalize="characters"
        placeholder="PQRS-2026-000123"
        errors={errors.radicado}
        aria-describedby="radicado-hint"
      />
      <p id="radicado-hint" className="hint">
        {t('radicadoHint')}
      </p>
      <TextField name="secret" label={t('secret')} autoComplete="off" errors={errors.secret} />
      <button type="submit" className="button button-primary" disabled={mutation.isPending}>
        {mutation.isPending ? t('submitting') : t('submit')}
      </button>
    </form>
  );
}
