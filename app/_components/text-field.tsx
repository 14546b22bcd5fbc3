import type { InputHTMLAttributes, ReactNode } from 'react';

type Props = InputHTMLAttributes<HTMLInputElement> & {
  name: string;
  label: string;
  errors?: string[];
};

/**
 * What every labelled control of a form shares: marked invalid when it has an error, described by
 * that error (after any description of its own), and the error shown under it.
 */
export function fieldError(
  id: string,
  errors: string[] | undefined,
  describedBy: string | undefined,
): { aria: { 'aria-invalid'?: true; 'aria-describedby'?: string }; error: ReactNode } {
  const errorId = `${id}-error`;
  const hasError = Boolean(errors?.length);
  const described = [describedBy, hasError ? errorId : null].filter(Boolean).join(' ');
  return {
    aria: {
      ...(hasError ? { 'aria-invalid': true as const } : {}),
      ...(described ? { 'aria-describedby': described } : {}),
    },
    error: hasError ? (
      <p id={errorId} className="field-error">
        {errors?.[0]}
      </p>
    ) : null,
  };
}

/** A labelled input whose error is announced with it (aria-describedby) and marked invalid. */
export function TextField({
  name,
  label,
  errors,
  id = name,
  'aria-describedby': describedBy,
  ...input
}: Props) {
  const { aria, error } = fieldError(id, errors, describedBy);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} name={name} {...aria} {...input} />
      {error}
    </div>
  );
}
