'use client';

import { useTranslations } from '@/lib/i18n/client';
import { PROBLEM_STATUSES, type ProblemStatus } from '@/lib/domain/enums';
import { TextField } from '../../../_components/text-field';
import { FormOutcome, postTo, useFormAction } from '../../../_components/use-form-action';

/** One change to one problem, through its single route (JSON, like a scripted client's). */
const actionOn = <T,>(problemId: number) =>
  postTo<T>(`/api/causas/problemas/${problemId}/acciones`);

export function StatusForm({ problemId, status }: { problemId: number; status: ProblemStatus }) {
  const t = useTranslations('causes.problems');
  const post = useFormAction(actionOn(problemId), {
    extra: { action: 'set_status' },
    asObject: true,
  });
  return (
    <form onSubmit={post.onSubmit} className="inline-form">
      <div className="field">
        <label htmlFor="problem-status">{t('fields.status')}</label>
        <select id="problem-status" name="status" defaultValue={status}>
          {PROBLEM_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button button-primary" disabled={post.isPending}>
        {t('setStatus')}
      </button>
      <FormOutcome result={post.result} success={t('statusSaved')} />
    </form>
  );
}

export function LinkCaseForm({ problemId }: { problemId: number }) {
  const t = useTranslations('causes.problems');
  const post = useFormAction(actionOn<{ radicado: string; isNew: boolean }>(problemId), {
    extra: { action: 'link' },
    asObject: true,
  });
  const done = post.result?.ok
    ? t(post.result.data.isNew ? 'link.done' : 'link.already', {
        radicado: post.result.data.radicado,
      })
    : undefined;
  return (
    <form onSubmit={post.onSubmit} className="inline-form" noValidate>
      <TextField
        name="radicado"
        id="link-radicado"
        label={t('link.byRadicado')}
        placeholder="PQRS-2026-000123"
        autoComplete="off"
        errors={post.errors.radicado}
      />
      <button type="submit" className="button button-primary" disabled={post.isPending}>
        {t('link.submit')}
      </button>
      <FormOutcome result={post.result} success={done} />
    </form>
  );
}

export function LinkCauseForm({
  problemId,
  from,
  to,
}: {
  problemId: number;
  from: string;
  to: string;
}) {
  const t = useTranslations('causes.problems');
  const post = useFormAction(actionOn<{ linked: number; hasMore: boolean }>(problemId), {
    extra: { action: 'link_cause' },
    asObject: true,
  });
  const done = post.result?.ok
    ? `${t('link.bulkDone', { count: post.result.data.linked })}${
        post.result.data.hasMore ? ` ${t('link.bulkMore')}` : ''
      }`
    : undefined;
  return (
    <form onSubmit={post.onSubmit} className="inline-form" noValidate>
      <TextField
        name="from"
        id="link-from"
        type="date"
        label={t('fields.from')}
        defaultValue={from}
        errors={post.errors.from}
      />
      <TextField
        name="to"
        id="link-to"
        type="date"
        label={t('fields.to')}
        defaultValue={to}
        errors={post.errors.to}
      />
      <button type="submit" className="button" disabled={post.isPending}>
        {t('link.bulkSubmit')}
      </button>
      <FormOutcome result={post.result} success={done} />
    </form>
  );
}

export function UnlinkButton({
  problemId,
  caseId,
  radicado,
}: {
  problemId: number;
  caseId: number;
  radicado: string;
}) {
  const t = useTranslations('causes.problems.linked');
  const post = useFormAction(actionOn(problemId), { extra: { action: 'unlink' } });
  return (
    <>
      <button
        type="button"
        className="button cause-action"
        aria-label={t('unlinkLabel', { radicado })}
        disabled={post.isPending}
        onClick={() => post.submit({ caseId })}
      >
        {t('unlink')}
      </button>
      <FormOutcome result={post.result} />
    </>
  );
}
