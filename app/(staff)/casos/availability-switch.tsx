'use client';

import { useTranslations } from '@/lib/i18n/client';
import { FormOutcome, useFormAction } from '@/app/_components/use-form-action';
import { setMyAvailabilityAction } from './availability-actions';

/** "Available for new cases" or "Away", and the button that turns it around. */
export function AvailabilitySwitch({ isAvailable }: { isAvailable: boolean }) {
  const t = useTranslations('queues');
  const form = useFormAction(setMyAvailabilityAction, {
    extra: { isAvailable: String(!isAvailable) },
  });
  return (
    <form onSubmit={form.onSubmit} className="availability-switch">
      <span
        className={isAvailable ? 'badge badge-on_track' : 'badge'}
        data-testid="my-availability"
      >
        {isAvailable ? t('availableNow') : t('awayNow')}
      </span>
      <button type="submit" className="button button-quiet" disabled={form.isPending}>
        {isAvailable ? t('goAway') : t('comeBack')}
      </button>
      <FormOutcome result={form.result} />
    </form>
  );
}
