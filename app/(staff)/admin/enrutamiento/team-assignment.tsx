'use client';

import { useTranslations } from '@/lib/i18n/client';
import { FormOutcome, useFormAction } from '@/app/_components/use-form-action';
import { AvailabilityToggle } from '@/app/_components/availability-toggle';
import { ASSIGNMENT_MODES, type AssignmentMode } from '@/lib/domain/enums';
import { setAvailabilityAction, setTeamModeAction } from './actions';

interface Team {
  id: number;
  name: string;
  mode: AssignmentMode;
  agents: { id: number; name: string; isAvailable: boolean }[];
}

/** One team: its assignment mode and who among its agents takes new cases now. */
export function TeamAssignment({ team }: { team: Team }) {
  const t = useTranslations('routing');
  const form = useFormAction(setTeamModeAction, { extra: { teamId: String(team.id) } });
  const id = `team-${team.id}-mode`;
  return (
    <>
      <h3>{team.name}</h3>
      <form onSubmit={form.onSubmit} noValidate className="routing-mode">
        <div className="field">
          <label htmlFor={id}>{t('mode', { team: team.name })}</label>
          <select id={id} name="mode" defaultValue={team.mode}>
            {ASSIGNMENT_MODES.map((mode) => (
              <option key={mode} value={mode}>
                {t(`modes.${mode}`)}
              </option>
            ))}
          </select>
        </div>
        <button
          type="submit"
          className="button"
          disabled={form.isPending}
          aria-label={t('saveMode', { team: team.name })}
        >
          {t('saveModeButton')}
        </button>
        <FormOutcome result={form.result} success={t('modeSaved')} />
      </form>
      {team.agents.length === 0 ? (
        <p className="muted">{t('noAgents')}</p>
      ) : (
        <ul className="availability-list">
          {team.agents.map((agent) => (
            <li key={agent.id}>
              <AvailabilityToggle agent={agent} send={setAvailabilityAction} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
