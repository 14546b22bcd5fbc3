'use client';

import { FormOutcome, useFormAction, type Send } from '@/app/_components/use-form-action';
import { TextField } from '@/app/_components/text-field';

/** "Enviada por correo postal el …": one date, not after today, for a letter handed to the post. */
export function PostingDateForm({
  submit,
  postedOn,
  today,
  labels,
  extra,
  id = 'postedOn',
}: {
  submit: Send<unknown>;
  /** The day already recorded, if any (recording again corrects it). */
  postedOn: string | null;
  /** Today in the organisation's zone: the latest day accepted. */
  today: string;
  labels: { postedOn: string; submit: string; done: string };
  /** Fields the form sends besides the date (which letter). */
  extra?: Record<string, string>;
  id?: string;
}) {
  const { onSubmit, isPending, result, errors } = useFormAction(submit, { extra });
  return (
    <form onSubmit={onSubmit} noValidate className="form compact">
      <FormOutcome result={result} success={labels.done} />
      <TextField
        id={id}
        name="postedOn"
        label={labels.postedOn}
        type="date"
        max={today}
        defaultValue={postedOn ?? today}
        required
        errors={errors.postedOn}
      />
      <button type="submit" className="button button-primary" disabled={isPending}>
        {labels.submit}
      </button>
    </form>
  );
}
