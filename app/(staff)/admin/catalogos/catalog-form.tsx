'use client';

import { useActionState, useEffect, useRef, useTransition, type ReactNode } from 'react';
import type { CatalogFormState } from '@/lib/server/admin/catalog-action';

type Action = (prev: CatalogFormState, form: FormData) => Promise<CatalogFormState>;

/**
 * One admin catalogue form: submits to a server action and shows its answer in place — the error
 * (with each field's message) or the notice, and values shown once (a new API key) that a reload
 * does not bring back.
 */
export function CatalogForm({
  action,
  submitLabel,
  children,
  className = 'catalog-form',
  label,
  danger = false,
}: {
  action: Action;
  submitLabel: string;
  children?: ReactNode;
  className?: string;
  label?: string;
  danger?: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const [, startTransition] = useTransition();
  const form = useRef<HTMLFormElement>(null);
  // Submitted by hand so a refused form keeps what was typed (React resets forms given an action);
  // after a success it is reset to its (re-rendered) defaults.
  useEffect(() => {
    if (state?.ok) form.current?.reset();
  }, [state]);
  const errors = state && !state.ok ? Object.values(state.fieldErrors ?? {}).flat() : [];
  return (
    <form
      ref={form}
      className={className}
      aria-label={label}
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        startTransition(() => formAction(data));
      }}
    >
      {children}
      <button
        type="submit"
        className={danger ? 'button' : 'button button-primary'}
        disabled={pending}
      >
        {submitLabel}
      </button>
      {state && !state.ok && (
        <div role="alert" className="alert alert-error catalog-alert">
          <p>{state.message}</p>
          {errors.length > 0 && (
            <ul>
              {[...new Set(errors)].map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {state?.ok && (
        <div role="status" className="alert alert-ok catalog-notice">
          <p>{state.message}</p>
          {state.reveal && (
            <dl className="catalog-reveal">
              {state.reveal.map((r) => (
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
