'use client';

import { useTranslations } from '@/lib/i18n/client';
import { FormOutcome, useFormAction, type Send } from '@/app/_components/use-form-action';

/**
 * One person's availability for new cases and the button that turns it around (issue 14 §2): the
 * admin's routing page and a supervisor's team card both use it, each with its own action.
 */
export function AvailabilityToggle({
  agent,
  send,
  detail,
}: {
  agent: { id: number; name: string; isAvailable: boolean };
  send: Send<unknown>;
  /** A short line after the badge (since when away, open cases). */
  detail?: string;
}) {
  const t = useTranslations('routing');
  const form = useFormAction(send, {
    extra: { userId: String(agent.id), isAvailable: String(!agent.isAvailable) },
  });
  return (
    <form onSubmit={form.onSubmit} className="availability-row">
      <span>{agent.name}</span>
      <span className={agent.isAvailable ? 'badge badge-on_track' : 'badge'}>
        {agent.isAvailable ? t('available') : t('away')}
      </span>
      {detail && <span className="small muted">{detail}</span>}
      <button type="submit" className="button button-quiet" disabled={form.isPending}>
        {agent.isAvailable
          ? t('markAway', { name: agent.name })
          : t('markAvailable', { name: agent.name })}
      </button>
      <FormOutcome result={form.result} />
    </form>
  );
}
