'use client';

import { useTranslations } from '@/lib/i18n/client';
import { TextField } from '@/app/_components/text-field';
import { STAFF_ROLES, type StaffRole } from '@/lib/domain/enums';
import {
  createStaffAction,
  resetPasswordAction,
  setStaffActiveAction,
  updateStaffAction,
} from './actions';
import { FormOutcome, useFormAction } from '@/app/_components/use-form-action';

export interface Option {
  id: number;
  name: string;
}

function SelectField({
  id,
  name,
  label,
  defaultValue,
  errors,
  children,
}: {
  id: string;
  name: string;
  label: string;
  defaultValue?: string;
  errors?: string[];
  children: React.ReactNode;
}) {
  const hasError = Boolean(errors?.length);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        name={name}
        defaultValue={defaultValue}
        aria-invalid={hasError ? true : undefined}
        aria-describedby={hasError ? `${id}-error` : undefined}
      >
        {children}
      </select>
      {hasError ? (
        <p id={`${id}-error`} className="field-error">
          {errors?.[0]}
        </p>
      ) : null}
    </div>
  );
}

function RoleAndTeam({
  prefix,
  teams,
  role,
  teamId,
  errors,
}: {
  prefix: string;
  teams: Option[];
  role?: StaffRole;
  teamId?: number | null;
  errors: Record<string, string[]>;
}) {
  const t = useTranslations('adminPeople');
  return (
    <>
      <SelectField
        id={`${prefix}-role`}
        name="role"
        label={t('fields.role')}
        defaultValue={role ?? 'agent'}
        errors={errors.role}
      >
        {STAFF_ROLES.map((r) => (
          <option key={r} value={r}>
            {t(`roles.${r}`)}
          </option>
        ))}
      </SelectField>
      <SelectField
        id={`${prefix}-team`}
        name="teamId"
        label={t('fields.team')}
        defaultValue={teamId ? String(teamId) : ''}
        errors={errors.teamId}
      >
        <option value="">{t('noTeam')}</option>
        {teams.map((team) => (
          <option key={team.id} value={team.id}>
            {team.name}
          </option>
        ))}
      </SelectField>
    </>
  );
}

export function CreateStaffForm({ teams }: { teams: Option[] }) {
  const t = useTranslations('adminPeople');
  const form = useFormAction(createStaffAction, { resetOnSuccess: true });
  return (
    <form onSubmit={form.onSubmit} noValidate className="people-form">
      <div className="filter-grid">
        <TextField name="name" id="new-name" label={t('fields.name')} errors={form.errors.name} />
        <TextField
          name="email"
          id="new-email"
          type="email"
          autoComplete="off"
          label={t('fields.email')}
          errors={form.errors.email}
        />
        <RoleAndTeam prefix="new" teams={teams} errors={form.errors} />
        <TextField
          name="password"
          id="new-password"
          type="password"
          autoComplete="new-password"
          label={t('fields.initialPassword')}
          aria-describedby="new-password-hint"
          errors={form.errors.password}
        />
      </div>
      <p id="new-password-hint" className="muted">
        {t('passwordHint')}
      </p>
      <button type="submit" className="button button-primary" disabled={form.isPending}>
        {t('staff.create')}
      </button>
      <FormOutcome result={form.result} success={t('staff.created')} />
    </form>
  );
}

export function EditStaffForm({
  userId,
  role,
  teamId,
  teams,
}: {
  userId: number;
  role: StaffRole;
  teamId: number | null;
  teams: Option[];
}) {
  const t = useTranslations('adminPeople');
  const form = useFormAction(updateStaffAction, { extra: { userId: String(userId) } });
  return (
    <form onSubmit={form.onSubmit} noValidate className="people-form">
      <div className="filter-grid">
        <RoleAndTeam prefix="edit" teams={teams} role={role} teamId={teamId} errors={form.errors} />
      </div>
      <button type="submit" className="button button-primary" disabled={form.isPending}>
        {t('save')}
      </button>
      <FormOutcome result={form.result} success={t('saved')} />
    </form>
  );
}

export function ActiveToggle({ userId, isActive }: { userId: number; isActive: boolean }) {
  const t = useTranslations('adminPeople.staff');
  const form = useFormAction(setStaffActiveAction);
  const error = form.errors.isActive?.[0];
  return (
    <div className="people-form">
      <p>{isActive ? t('activeHelp') : t('inactiveHelp')}</p>
      <button
        type="button"
        className="button"
        disabled={form.isPending}
        onClick={() => form.submit({ userId: String(userId), isActive: String(!isActive) })}
      >
        {isActive ? t('deactivate') : t('reactivate')}
      </button>
      {error ? (
        <p role="alert" className="alert alert-error">
          {error}
        </p>
      ) : (
        <FormOutcome result={form.result} />
      )}
    </div>
  );
}

export function ResetPasswordForm({ userId }: { userId: number }) {
  const t = useTranslations('adminPeople');
  const form = useFormAction(resetPasswordAction, {
    extra: { userId: String(userId) },
    resetOnSuccess: true,
  });
  return (
    <form onSubmit={form.onSubmit} noValidate className="people-form">
      <TextField
        name="password"
        id="reset-password"
        type="password"
        autoComplete="new-password"
        label={t('fields.newPassword')}
        aria-describedby="reset-password-hint"
        errors={form.errors.password}
      />
      <p id="reset-password-hint" className="muted">
        {t('passwordHint')}
      </p>
      <button type="submit" className="button" disabled={form.isPending}>
        {t('staff.resetPassword')}
      </button>
      <FormOutcome result={form.result} success={t('staff.passwordReset')} />
    </form>
  );
}
