'use client';

import { useTranslations } from 'next-intl';
import { TextField } from '@/app/_components/text-field';
import { createTeamAction, updateTeamAction } from './actions';
import type { Option } from './staff-forms';
import { FormOutcome, useFormAction } from '@/app/_components/use-form-action';

function SupervisorSelect({
  id,
  candidates,
  value,
  errors,
}: {
  id: string;
  candidates: Option[];
  value: number | null;
  errors?: string[];
}) {
  const t = useTranslations('adminPeople');
  const hasError = Boolean(errors?.length);
  return (
    <div className="field">
      <label htmlFor={id}>{t('fields.supervisor')}</label>
      <select
        id={id}
        name="supervisorId"
        defaultValue={value ? String(value) : ''}
        aria-invalid={hasError ? true : undefined}
        aria-describedby={hasError ? `${id}-error` : undefined}
      >
        <option value="">{t('teams.noSupervisor')}</option>
        {candidates.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
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

export function CreateTeamForm({ candidates }: { candidates: Option[] }) {
  const t = useTranslations('adminPeople');
  const form = useFormAction(createTeamAction, { resetOnSuccess: true });
  return (
    <form onSubmit={form.onSubmit} noValidate className="people-form">
      <div className="filter-grid">
        <TextField
          name="name"
          id="team-new-name"
          label={t('fields.teamName')}
          errors={form.errors.name}
        />
        <SupervisorSelect
          id="team-new-supervisor"
          candidates={candidates}
          value={null}
          errors={form.errors.supervisorId}
        />
      </div>
      <button type="submit" className="button button-primary" disabled={form.isPending}>
        {t('teams.create')}
      </button>
      <FormOutcome result={form.result} success={t('teams.created')} />
    </form>
  );
}

export function EditTeamForm({
  team,
  candidates,
}: {
  team: { id: number; name: string; supervisorId: number | null };
  candidates: Option[];
}) {
  const t = useTranslations('adminPeople');
  const form = useFormAction(updateTeamAction, { extra: { teamId: String(team.id) } });
  const prefix = `team-${team.id}`;
  return (
    <form onSubmit={form.onSubmit} noValidate className="people-form team-form">
      <div className="filter-grid">
        <TextField
          name="name"
          id={`${prefix}-name`}
          label={t('fields.teamName')}
          defaultValue={team.name}
          errors={form.errors.name}
        />
        <SupervisorSelect
          id={`${prefix}-supervisor`}
          candidates={candidates}
          value={team.supervisorId}
          errors={form.errors.supervisorId}
        />
      </div>
      <button
        type="submit"
        className="button"
        disabled={form.isPending}
        aria-label={t('teams.saveLabel', { name: team.name })}
      >
        {t('save')}
      </button>
      <FormOutcome result={form.result} success={t('saved')} />
    </form>
  );
}
