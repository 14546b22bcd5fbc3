'use client';

import { useTranslations } from '@/lib/i18n/client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { TextField } from '../../../_components/text-field';
import { FormOutcome, postTo, useFormAction } from '../../../_components/use-form-action';
import { TextArea } from '@/app/_components/text-area';

type Option = { id: number; name: string };
export interface ProblemOptions {
  processes: Option[];
  rootCauses: (Option & { processId: number })[];
  staff: Option[];
}
export interface ProblemValues {
  title: string;
  description: string;
  processId: string;
  rootCauseId: string;
  ownerId: string;
  correctiveAction: string;
}

function Select({
  name,
  label,
  value,
  onChange,
  options,
  none,
  errors,
}: {
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: Option[];
  none: string;
  errors?: string[];
}) {
  const id = `problem-${name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        name={name}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? `${id}-error` : undefined}
      >
        <option value="">{none}</option>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
      {errors?.length ? (
        <p id={`${id}-error`} className="field-error">
          {errors[0]}
        </p>
      ) : null}
    </div>
  );
}

/**
 * Creates a problem (then opens it) or saves an existing one. The root-cause choices follow the
 * process chosen; the server checks the pair again.
 */
export function ProblemForm({
  problemId,
  initial,
  options,
}: {
  problemId?: number;
  initial: ProblemValues;
  options: ProblemOptions;
}) {
  const t = useTranslations('causes.problems');
  const router = useRouter();
  const [processId, setProcessId] = useState(initial.processId);
  const [rootCauseId, setRootCauseId] = useState(initial.rootCauseId);
  const [ownerId, setOwnerId] = useState(initial.ownerId);
  const post = useFormAction(
    postTo<{ id: number; changed?: string[] }>(
      problemId ? `/api/causas/problemas/${problemId}/acciones` : '/api/causas/problemas',
    ),
    problemId
      ? { extra: { action: 'update' }, asObject: true }
      : { onSuccess: (data) => router.push(`/causas/problemas/${data.id}`), asObject: true },
  );
  const causes = options.rootCauses.filter((c) => String(c.processId) === processId);
  const saved =
    post.result?.ok && post.result.data.changed?.length === 0 ? t('nothingChanged') : t('saved');
  return (
    <form onSubmit={post.onSubmit} className="form" noValidate>
      <TextField
        name="title"
        id="problem-title"
        label={t('fields.title')}
        defaultValue={initial.title}
        errors={post.errors.title}
        required
      />
      <TextArea
        id="problem-description"
        rows={3}
        name="description"
        label={t('fields.description')}
        defaultValue={initial.description}
        errors={post.errors.description}
      />
      <Select
        name="processId"
        label={t('fields.processId')}
        value={processId}
        onChange={(v) => {
          setProcessId(v);
          setRootCauseId('');
        }}
        options={options.processes}
        none={t('fields.none')}
        errors={post.errors.processId}
      />
      <Select
        name="rootCauseId"
        label={t('fields.rootCauseId')}
        value={rootCauseId}
        onChange={setRootCauseId}
        options={causes}
        none={t('fields.none')}
        errors={post.errors.rootCauseId}
      />
      <Select
        name="ownerId"
        label={t('fields.ownerId')}
        value={ownerId}
        onChange={setOwnerId}
        options={options.staff}
        none={t('noOwner')}
        errors={post.errors.ownerId}
      />
      <TextArea
        id="problem-correctiveAction"
        rows={3}
        name="correctiveAction"
        label={t('fields.correctiveAction')}
        defaultValue={initial.correctiveAction}
        errors={post.errors.correctiveAction}
      />
      <FormOutcome result={post.result} success={problemId ? saved : undefined} />
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={post.isPending}>
          {problemId ? t('save') : t('create')}
        </button>
      </div>
    </form>
  );
}
