'use client';

import { useTranslations } from '@/lib/i18n/client';
import type { ReactNode } from 'react';
import { FormOutcome, useFormAction, type Send } from '../../../_components/use-form-action';
import { FileField } from '../../../_components/file-field';
import { TextField } from '../../../_components/text-field';
import { TextArea } from '@/app/_components/text-area';

/** One of the petitioner's server actions (actions.ts); the form adds the case's radicado. */
type CaseAction = Send<unknown>;
interface FormProps {
  action: CaseAction;
  radicado: string;
}

function ActionPanel({
  id,
  title,
  hint,
  action,
  radicado,
  submitLabel,
  doneMessage,
  isSecondary = false,
  children,
}: {
  id: string;
  title: string;
  hint?: string;
  action: CaseAction;
  radicado: string;
  submitLabel: string;
  doneMessage: string;
  /** A lesser choice beside the card's main form: an outlined button. */
  isSecondary?: boolean;
  children: (errors: Record<string, string[]>) => ReactNode;
}) {
  const { onSubmit, isPending, result, errors } = useFormAction(action, { extra: { radicado } });
  if (result?.ok) {
    return (
      <p role="status" className="alert alert-ok">
        {doneMessage}
      </p>
    );
  }
  return (
    <section aria-labelledby={`${id}-title`} className="action-panel">
      <h3 id={`${id}-title`}>{title}</h3>
      {hint && <p className="hint">{hint}</p>}
      <form onSubmit={onSubmit} noValidate className="form">
        <FormOutcome result={result} />
        {children(errors)}
        <button
          type="submit"
          className={isSecondary ? 'button' : 'button button-primary'}
          disabled={isPending}
        >
          {submitLabel}
        </button>
      </form>
    </section>
  );
}

export function ProvideInfoForm({ action, radicado }: FormProps) {
  const t = useTranslations('portal.case');
  const tFile = useTranslations('portal.file');
  return (
    <ActionPanel
      id="provide-info"
      title={t('provideInfoTitle')}
      action={action}
      radicado={radicado}
      submitLabel={t('provideInfoSubmit')}
      doneMessage={t('provideInfoDone')}
    >
      {(errors) => (
        <>
          <TextArea name="body" label={t('provideInfoBody')} errors={errors.body} rows={5} />
          <FileField
            id="info-attachments"
            label={tFile('attachments')}
            hint={tFile('attachmentsHint')}
            errors={errors.attachments}
          />
        </>
      )}
    </ActionPanel>
  );
}

/** Art. 17: once per information request, the petitioner may take one more month to answer. */
export function MoreTimeForm({ action, radicado }: FormProps) {
  const t = useTranslations('portal.case');
  return (
    <ActionPanel
      id="more-time"
      title={t('moreTimeTitle')}
      hint={t('moreTimeHint')}
      action={action}
      radicado={radicado}
      submitLabel={t('moreTimeSubmit')}
      doneMessage={t('moreTimeDone')}
      isSecondary
    >
      {() => null}
    </ActionPanel>
  );
}

function Scale({ name, legend, errors }: { name: string; legend: string; errors?: string[] }) {
  return (
    <fieldset className="fieldset">
      <legend>{legend}</legend>
      <div className="scale scale-5">
        {[1, 2, 3, 4, 5].map((n) => (
          <label key={n} className="scale-option">
            <input type="radio" name={name} value={n} />
            <span>{n}</span>
          </label>
        ))}
      </div>
      {errors?.length ? <p className="field-error">{errors[0]}</p> : null}
    </fieldset>
  );
}

export function RatingForm({ action, radicado }: FormProps) {
  const t = useTranslations('portal.case');
  return (
    <ActionPanel
      id="rate"
      title={t('rateTitle')}
      action={action}
      radicado={radicado}
      submitLabel={t('rateSubmit')}
      doneMessage={t('rateDone')}
    >
      {(errors) => (
        <>
          <fieldset className="fieldset">
            <legend>{t('rateResult')}</legend>
            <div className="scale">
              {(['yes', 'partly', 'no'] as const).map((answer) => (
                <label key={answer} className="scale-option">
                  <input type="radio" name="result" value={answer} />
                  <span>{t(`rateResultOptions.${answer}`)}</span>
                </label>
              ))}
            </div>
            {errors.result && <p className="field-error">{errors.result[0]}</p>}
          </fieldset>
          <Scale name="courtesy" legend={t('rateCourtesy')} errors={errors.courtesy} />
          <Scale name="clarity" legend={t('rateClarity')} errors={errors.clarity} />
          <TextArea name="comment" label={t('rateComment')} errors={errors.comment} rows={3} />
        </>
      )}
    </ActionPanel>
  );
}

export function DisagreeForm({ action, radicado, windowDays }: FormProps & { windowDays: number }) {
  const t = useTranslations('portal.case');
  return (
    <ActionPanel
      id="disagree"
      title={t('disagreeTitle')}
      hint={t('disagreeHint', { days: windowDays })}
      action={action}
      radicado={radicado}
      submitLabel={t('disagreeSubmit')}
      doneMessage={t('disagreeDone')}
    >
      {(errors) => <TextArea name="reason" label={t('disagreeReason')} errors={errors.reason} />}
    </ActionPanel>
  );
}

export function CallbackForm({ action, radicado }: FormProps) {
  const t = useTranslations('portal.case');
  return (
    <ActionPanel
      id="callback"
      title={t('callbackTitle')}
      hint={t('callbackHint')}
      action={action}
      radicado={radicado}
      submitLabel={t('callbackSubmit')}
      doneMessage={t('callbackDone')}
    >
      {(errors) => (
        <>
          <TextField
            name="preferredAt"
            type="datetime-local"
            label={t('callbackAt')}
            errors={errors.preferredAt}
          />
          <TextField
            name="phone"
            type="tel"
            label={t('callbackPhone')}
            autoComplete="tel"
            errors={errors.phone}
          />
          <TextArea
            name="note"
            label={t('callbackNote')}
            errors={errors.body ?? errors.note}
            rows={2}
          />
        </>
      )}
    </ActionPanel>
  );
}
