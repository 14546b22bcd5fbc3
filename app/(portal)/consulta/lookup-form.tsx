'use client';

import { useTranslations } from '@/lib/i18n/client';
import { useRouter } from 'next/navigation';
import { FormOutcome, postTo, useFormAction } from '../../_components/use-form-action';
import { TextField } from '../../_components/text-field';

const lookUp = postTo<{ url: string }>('/api/portal/consulta');
/** The server's schema, loaded on the first press of "Consultar". */
const loadLookupCheck = () =>
  import('@/lib/validation/case-lookup').then((m) => ({ schema: m.CaseLookupSchema }));

export function LookupForm() {
  const t = useTranslations('portal.lookup');
  const router = useRouter();
  const { onSubmit, result, errors, isPending } = useFormAction(lookUp, {
    asObject: true,
    check: loadLookupCheck,
    onSuccess: (data) => router.push(data.url),
  });
  const failure = result && !result.ok ? result : null;

  if (failure?.code === 'RATE_LIMITED') {
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
  return (
    <form onSubmit={onSubmit} noValidate className="form">
      {/* An unknown radicado and a wrong secret read the same (no enumeration). */}
      <FormOutcome
        result={failure?.code === 'NOT_FOUND' ? { ...failure, message: t('notFound') } : null}
      />
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
      <button type="submit" className="button button-primary" disabled={isPending}>
        {isPending ? t('submitting') : t('submit')}
      </button>
    </form>
  );
}
