'use client';

import { useTranslations } from '@/lib/i18n/client';
import { SelectField } from '@/app/_components/select-field';
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
  return (
    <SelectField
      id={id}
      name="supervisorId"
      label={t('fields.supervisor')}
      defaultValue={value ? String(value) : ''}
      options={candidates}
      empty={t('teams.noSupervisor')}
      errors={errors}
    />
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
