import type { TextareaHTMLAttributes } from 'react';
import { fieldError } from './text-field';

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
  const { aria, error } = fieldError(id, errors, describedBy);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} name={name} rows={rows} {...aria} {...textarea} />
      {error}
    </div>
  );
}
