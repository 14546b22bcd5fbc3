'use client';

import { useTranslations } from '@/lib/i18n/client';
import type { ReactNode } from 'react';
import { useFormAction, type Send } from '@/app/_components/use-form-action';
import { isReveal } from './reveal';

/**
 * One admin catalogue form: submits to a server action and shows its answer in place — the error
 * (with each field's message) or the notice, and values shown once (a new API key) that a reload
 * does not bring back. A refused form keeps what was typed; a saved one is reset.
 */
export function CatalogForm({
  action,
  submitLabel,
  children,
  className = 'catalog-form',
  label,
  danger = false,
}: {
  action: Send<unknown>;
  submitLabel: string;
  children?: ReactNode;
  className?: string;
  label?: string;
  danger?: boolean;
}) {
  const t = useTranslations('adminCatalog.notices');
  const { onSubmit, result, isPending } = useFormAction(action, { resetOnSuccess: true });
  const errors = result && !result.ok ? Object.values(result.fieldErrors ?? {}).flat() : [];
  const reveal = result?.ok && isReveal(result.data) ? result.data.reveal : null;
  return (
    <form className={className} aria-label={label} onSubmit={onSubmit}>
      {children}
      <button
        type="submit"
        className={danger ? 'button' : 'button button-primary'}
        disabled={isPending}
      >
        {submitLabel}
      </button>
      {result && !result.ok && (
        <div role="alert" className="alert alert-error catalog-alert">
          <p>{result.message}</p>
          {errors.length > 0 && (
            <ul>
              {[...new Set(errors)].map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {result?.ok && (
        <div role="status" className="alert alert-ok catalog-notice">
          <p>{t(reveal ? 'shownOnce' : 'saved')}</p>
          {reveal && (
            <dl className="catalog-reveal">
              {reveal.map((r) => (
                <div key={r.label}>
                  <dt>{r.label}</dt>
                  <dd>
                    <code className="mono">{r.value}</code>
                  </dd>
                </div>
              ))}
            </dl>
          )}
        </div>
      )}
    </form>
  );
}
