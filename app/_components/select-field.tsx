import type { SelectHTMLAttributes } from 'react';

type Props = SelectHTMLAttributes<HTMLSelectElement> & {
  id: string;
  label: string;
  options: { id: number | string; name: string }[];
  /** The first, empty choice ("Any", "None"); left out when not given. */
  empty?: string;
  errors?: string[];
};

/** A labelled select whose error is announced with it (aria-describedby) and marked invalid. */
export function SelectField({ id, label, options, empty, errors, ...select }: Props) {
  const hasError = Boolean(errors?.length);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        aria-invalid={hasError ? true : undefined}
        aria-describedby={hasError ? `${id}-error` : undefined}
        {...select}
      >
        {empty !== undefined && <option value="">{empty}</option>}
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
      {hasError ? (
        <p id={`${id}-error`} className="field-error">
          {errors?.[0]}
        </p>
      ) : null}
    </div>
  );
}
