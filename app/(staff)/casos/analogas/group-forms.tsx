'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from '@/lib/i18n/client';
import { SelectField } from '@/app/_components/select-field';
import { TextArea } from '@/app/_components/text-area';
import { TextField } from '@/app/_components/text-field';
import { FormOutcome, useFormAction } from '@/app/_components/use-form-action';
import { answerGroupAction, answerPendingAction, groupPetitionsAction } from './actions';

export interface Candidate {
  id: number;
  radicado: string;
  label: string;
}

/** The open petitions a search found, all ticked, and the matter they will be published under. */
export function GroupForm({ candidates, q }: { candidates: Candidate[]; q: string }) {
  const t = useTranslations('analogous');
  const router = useRouter();
  const { onSubmit, result, errors, isPending } = useFormAction<{ id: number }>(
    groupPetitionsAction,
    { onSuccess: ({ id }) => router.push(`/casos/analogas/${id}`) },
  );
  const pickError = errors.caseId?.[0];
  return (
    <form onSubmit={onSubmit} noValidate className="stack" aria-label={t('findTitle')}>
      <FormOutcome result={result} />
      <TextField
        name="matter"
        label={t('matter')}
        defaultValue={q}
        required
        errors={errors.matter}
        aria-describedby="matter-hint"
      />
      <p id="matter-hint" className="hint">
        {t('matterHint')}
      </p>
      <fieldset className="field fieldset" aria-describedby="pick-hint pick-error">
        <legend>{t('pick')}</legend>
        <p id="pick-hint" className="hint">
          {t('pickHint')}
        </p>
        <ul className="check-list">
          {candidates.map((c) => (
            <li key={c.id}>
              <label className="check">
                <input type="checkbox" name="caseId" value={c.id} defaultChecked />{' '}
                <span className="mono">{c.radicado}</span> {c.label}
              </label>
            </li>
          ))}
        </ul>
        {pickError && (
          <p id="pick-error" className="field-error">
            {pickError}
          </p>
        )}
      </fieldset>
      <button type="submit" className="button button-primary" disabled={isPending}>
        {isPending ? t('grouping') : t('group')}
      </button>
    </form>
  );
}

/** The group's one answer: its text and decision, given to every open case of the group. */
export function AnswerGroupForm({
  groupId,
  decisions,
  isRetry,
}: {
  groupId: number;
  decisions: { id: string; name: string }[];
  isRetry: boolean;
}) {
  const t = useTranslations('analogous');
  const { onSubmit, result, errors, isPending } = useFormAction(
    isRetry ? answerPendingAction : answerGroupAction,
    { extra: { groupId } },
  );
  return (
    <form onSubmit={onSubmit} noValidate className="stack" aria-label={t('answerTitle')}>
      <FormOutcome result={result} success={t('sent')} />
      {isRetry ? null : (
        <>
          <TextArea
            id="group-body"
            name="body"
            label={t('body')}
            rows={8}
            required
            errors={errors.body}
          />
          <SelectField
            id="group-decision"
            name="decision"
            label={t('decision')}
            options={decisions}
            errors={errors.decision}
          />
        </>
      )}
      <button type="submit" className="button button-primary" disabled={isPending}>
        {isPending ? t('sending') : isRetry ? t('retry') : t('send')}
      </button>
    </form>
  );
}
