'use client';

import { useTranslations } from '@/lib/i18n/client';
import { useEffect, useState } from 'react';
import { FileField } from '@/app/_components/file-field';
import { newSubmissionId, type Send } from '@/app/_components/use-form-action';
import {
  Field,
  HandleMinutesField,
  TIMED_ACTIONS,
  useElapsedMinutes,
  useSubmit,
} from './action-parts';
import { AnswerPreviewControls, useAnswerPreview, type PreviewSend } from './answer-preview';
import type { CaseAction } from '@/lib/domain/case-machine';
import { CASE_TYPES, DECISIONS, PRIORITIES } from '@/lib/domain/enums';
import { takesFiles } from '@/lib/validation/case-action';

type Option = { id: number; name: string };
export interface ActionOptions {
  staff: Option[];
  processes: Option[];
  rootCauses: (Option & { processId: number })[];
  categories: Option[];
  templates: { id: number; name: string; rendered: string }[];
}
export type Submit = Send<unknown>;

/** What every action's form of a case shares. */
export interface CaseActionSettings {
  submit: Submit;
  /** Renders the answer letter without saving it (the answer form's preview step). */
  preview?: PreviewSend;
  version: number;
  options: ActionOptions;
  typeCode: string;
  isTransferLate: boolean;
}

/** One action's form; the answer goes out only from its letter's preview. */
export function ActionForm({
  action,
  submit,
  version,
  options,
  typeCode,
  isTransferLate,
  elapsed,
  preview,
}: CaseActionSettings & {
  action: CaseAction;
  elapsed: ReturnType<typeof useElapsedMinutes>;
}) {
  const t = useTranslations('staffCase');
  // The answer is legally binding: it is sent only from its letter's preview.
  const answerPreview = useAnswerPreview(action === 'answer' ? preview : undefined);
  const tTypes = useTranslations('types');
  const isTimed = TIMED_ACTIONS.includes(action);
  /** What the agent typed; null while the field follows the timer. */
  const [typedMinutes, setTypedMinutes] = useState<string | null>(null);
  // Set after mount (server and browser must render the same markup), renewed after each send.
  const [submissionId, setSubmissionId] = useState('');
  useEffect(() => setSubmissionId(newSubmissionId()), []);
  const sent = useSubmit(submit, () => {
    setSubmissionId(newSubmissionId());
    answerPreview.clear();
    setBody('');
    setTemplateText(null);
    setProcessId('');
    if (!isTimed) return;
    setTypedMinutes(null);
    elapsed.restart();
  });
  const { result, isPending } = sent;
  const errors = { ...sent.errors, ...answerPreview.errors };
  const [processId, setProcessId] = useState('');
  const [templateText, setTemplateText] = useState<string | null>(null);
  const [body, setBody] = useState('');
  const fid = (name: string) => `${action}-${name}`;
  const invalid = (name: string) =>
    errors[name] ? { 'aria-invalid': true, 'aria-describedby': `${fid(name)}-error` } : {};
  const select = (
    name: string,
    items: { value: string; label: string }[],
    opts: { optional?: boolean; onChange?: (v: string) => void } = {},
  ) => (
    <Field id={fid(name)} label={t(`fields.${name}`)} errors={errors[name]}>
      <select
        id={fid(name)}
        name={name}
        defaultValue=""
        onChange={(e) => opts.onChange?.(e.target.value)}
        {...invalid(name)}
      >
        <option value="">{opts.optional ? t('fields.keepCurrent') : t('fields.choose')}</option>
        {items.map((i) => (
          <option key={i.value} value={i.value}>
            {i.label}
          </option>
        ))}
      </select>
    </Field>
  );
  const text = (name: string, type = 'text') => (
    <Field id={fid(name)} label={t(`fields.${name}`)} errors={errors[name]}>
      <input id={fid(name)} name={name} type={type} {...invalid(name)} />
    </Field>
  );
  const area = (name: string) => (
    <Field id={fid(name)} label={t(`fields.${name}`)} errors={errors[name]}>
      <textarea id={fid(name)} name={name} rows={4} {...invalid(name)} />
    </Field>
  );
  const asItems = (list: Option[]) => list.map((o) => ({ value: String(o.id), label: o.name }));
  const causes = options.rootCauses.filter((c) => !processId || c.processId === Number(processId));
  const bodyWithTemplate = (
    <>
      {options.templates.length > 0 &&
        select('templateId', asItems(options.templates), {
          onChange: (value) => {
            const tpl = options.templates.find((x) => String(x.id) === value);
            setTemplateText(tpl?.rendered ?? null);
            if (tpl) setBody(tpl.rendered);
          },
        })}
      <Field id={fid('body')} label={t('fields.body')} errors={errors.body}>
        <textarea
          id={fid('body')}
          name="body"
          rows={7}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          {...invalid('body')}
        />
      </Field>
      {templateText !== null && body.trim() === templateText.trim() && (
        <p role="status" className="alert alert-info">
          {t('cannedWarning')}
        </p>
      )}
    </>
  );
  const fieldsByAction: Partial<Record<CaseAction, React.ReactNode>> = {
    assign: select('assigneeId', asItems(options.staff)),
    reclassify: (
      <>
        {select(
          'typeCode',
          CASE_TYPES.map((c) => ({ value: c, label: tTypes(c) })),
          { optional: true },
        )}
        {select('categoryId', asItems(options.categories), { optional: true })}
        {select('processId', asItems(options.processes), {
          optional: true,
          onChange: setProcessId,
        })}
        {select('rootCauseId', asItems(causes), { optional: true })}
        {select(
          'priority',
          PRIORITIES.map((p) => ({ value: p, label: t(`options.priority.${p}`) })),
          { optional: true },
        )}
        {area('reason')}
      </>
    ),
    reply: bodyWithTemplate,
    note: area('body'),
    log_interaction: (
      <>
        {select(
          'kind',
          (['call', 'chat', 'email', 'visit', 'letter'] as const).map((k) => ({
            value: k,
            label: t(`options.kind.${k}`),
          })),
        )}
        {select(
          'direction',
          (['inbound', 'outbound'] as const).map((k) => ({
            value: k,
            label: t(`options.direction.${k}`),
          })),
        )}
        {text('durationMinutes', 'number')}
        {text('outcome')}
        {area('body')}
      </>
    ),
    request_info: area('body'),
    extend: (
      <>
        {text('newDueDate', 'date')}
        {area('reason')}
      </>
    ),
    answer: (
      <>
        {select(
          'decision',
          DECISIONS.map((d) => ({ value: d, label: t(`options.decision.${d}`) })),
        )}
        {bodyWithTemplate}
      </>
    ),
    close: ['Q', 'R'].includes(typeCode) ? (
      <>
        {select('processId', asItems(options.processes), { onChange: setProcessId })}
        {select('rootCauseId', asItems(causes))}
      </>
    ) : null,
    reopen: area('reason'),
    transfer: (
      <>
        {isTransferLate && <p className="alert alert-info">{t('transferLate')}</p>}
        {text('destination')}
        {area('reason')}
      </>
    ),
    withdraw: area('reason'),
    merge: text('targetRadicado'),
    link: text('relatedRadicado'),
    add_promise: (
      <>
        {text('description')}
        {text('dueAt', 'datetime-local')}
      </>
    ),
  };
  return (
    <form
      onSubmit={(e) => {
        if (action !== 'answer' || answerPreview.guard(e)) sent.onSubmit(e);
      }}
      noValidate
      className="form compact"
    >
      <input type="hidden" name="action" value={action} />
      <input type="hidden" name="expectedVersion" value={version} />
      <input type="hidden" name="submissionId" value={submissionId} />
      {result && !result.ok && (
        <p role="alert" className="alert alert-error">
          {result.message}
        </p>
      )}
      {result?.ok && (
        <p role="status" className="alert alert-ok">
          {t('done')}
        </p>
      )}
      {answerPreview.result && !answerPreview.result.ok && (
        <p role="alert" className="alert alert-error">
          {answerPreview.result.message}
        </p>
      )}
      <div hidden={answerPreview.letter !== null} className="answer-fields">
        {fieldsByAction[action]}
        {takesFiles(action) && (
          <FileField
            id={fid('attachments')}
            label={t('fields.attachments')}
            hint={t('fields.attachmentsHint')}
            errors={errors.attachments}
          />
        )}
        {isTimed && (
          <HandleMinutesField
            id={fid('handleMinutes')}
            errors={errors.handleMinutes}
            value={typedMinutes ?? String(elapsed.minutes)}
            onChange={setTypedMinutes}
          />
        )}
      </div>
      {action === 'answer' ? (
        <AnswerPreviewControls preview={answerPreview} isSending={isPending} />
      ) : (
        <button type="submit" className="button button-primary" disabled={isPending}>
          {t(`actions.${action}`)}
        </button>
      )}
    </form>
  );
}
