import type { TextareaHTMLAttributes } from 'react';

type Props = TextareaHTMLAttributes<HTMLTextAreaElement> & {
  name: string;
  label: string;
  errors?: string[];
};

/** A labelled textarea whose error is announced with it (aria-describedby) and marked invalid. */
export function TextArea({
  name,
  label,
  errors,
  id = name,
  rows = 4,
  'aria-describedby': describedBy,
  ...textarea
}: Props) {
  const errorId = `${id}-error`;
  const hasError = Boolean(errors?.length);
  const described = [describedBy, hasError ? errorId : null].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        name={name}
        rows={rows}
        aria-invalid={hasError ? true : undefined}
        aria-describedby={described || undefined}
        {...textarea}
      />
      {hasError ? (
        <p id={errorId} className="field-error">
          {errors?.[0]}
        </p>
      ) : null}
    </div>
  );
}
