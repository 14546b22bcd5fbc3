import type { InputHTMLAttributes } from 'react';

type Props = InputHTMLAttributes<HTMLInputElement> & {
  name: string;
  label: string;
  errors?: string[];
};

/** A labelled input whose error is announced with it (aria-describedby) and marked invalid. */
export function TextField({
  name,
  label,
  errors,
  id = name,
  'aria-describedby': describedBy,
  ...input
}: Props) {
  const errorId = `${id}-error`;
  const hasError = Boolean(errors?.length);
  const described = [describedBy, hasError ? errorId : null].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        aria-invalid={hasError ? true : undefined}
        aria-describedby={described || undefined}
        {...input}
      />
      {hasError ? (
        <p id={errorId} className="field-error">
          {errors?.[0]}
        </p>
      ) : null}
    </div>
  );
}
