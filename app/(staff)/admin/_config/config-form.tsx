'use client';

import { useTranslations } from '@/lib/i18n/client';
import { useId } from 'react';
import { FormOutcome, useFormAction, type Send } from '@/app/_components/use-form-action';

export interface ConfigField {
  name: string;
  label: string;
  type: 'number' | 'text' | 'date' | 'select' | 'checkbox' | 'checkboxes' | 'textarea' | 'hidden';
  defaultValue?: string;
  defaultChecked?: boolean;
  hint?: string;
  min?: number;
  max?: number;
  required?: boolean;
  options?: { value: string; label: string }[];
}

/** One admin configuration form: posts to a server action, shows field errors, then refreshes. */
export function ConfigForm({
  action,
  fields,
  submitLabel,
  successLabel,
  compact = false,
}: {
  action: Send<unknown>;
  fields: ConfigField[];
  submitLabel: string;
  successLabel: string;
  compact?: boolean;
}) {
  const t = useTranslations('adminConfig');
  const uid = useId();
  const { onSubmit, result, errors, isPending } = useFormAction(action, {
    resetOnSuccess: !compact,
  });
  return (
    <form onSubmit={onSubmit} noValidate className={compact ? 'config-inline' : 'config-form'}>
      <FormOutcome result={result} success={successLabel} />
      {fields.map((f) => {
        const id = `${uid}-${f.name}`;
        if (f.type === 'hidden') {
          return <input key={f.name} type="hidden" name={f.name} value={f.defaultValue ?? ''} />;
        }
        const error = errors[f.name]?.[0];
        const describedBy =
          [f.hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') ||
          undefined;
        const messages = (
          <>
            {f.hint ? (
              <p id={`${id}-hint`} className="hint">
                {f.hint}
              </p>
            ) : null}
            {error ? (
              <p id={`${id}-error`} className="field-error">
                {error}
              </p>
            ) : null}
          </>
        );
        // Several choices under one name (each ticked box sends its value).
        if (f.type === 'checkboxes') {
          return (
            <fieldset key={f.name} className="field fieldset" aria-describedby={describedBy}>
              <legend>{f.label}</legend>
              <div className="check-group">
                {f.options?.map((o) => (
                  <label key={o.value} className="check">
                    <input type="checkbox" name={f.name} value={o.value} /> {o.label}
                  </label>
                ))}
              </div>
              {messages}
            </fieldset>
          );
        }
        const common = {
          id,
          name: f.name,
          'aria-describedby': describedBy,
          'aria-invalid': error ? true : undefined,
        };
        return (
          <div key={f.name} className={f.type === 'checkbox' ? 'field field-check' : 'field'}>
            {f.type === 'checkbox' ? (
              <label htmlFor={id} className="check">
                <input {...common} type="checkbox" defaultChecked={f.defaultChecked} /> {f.label}
              </label>
            ) : (
              <label htmlFor={id}>{f.label}</label>
            )}
            {f.type === 'select' ? (
              <select {...common} defaultValue={f.defaultValue}>
                {f.options?.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            ) : f.type === 'textarea' ? (
              <textarea {...common} rows={2} defaultValue={f.defaultValue} required={f.required} />
            ) : f.type === 'checkbox' ? null : (
              <input
                {...common}
                type={f.type}
                inputMode={f.type === 'number' ? 'numeric' : undefined}
                min={f.min}
                max={f.max}
                required={f.required}
                defaultValue={f.defaultValue}
              />
            )}
            {messages}
          </div>
        );
      })}
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={isPending}>
          {isPending ? t('saving') : submitLabel}
        </button>
      </div>
    </form>
  );
}
