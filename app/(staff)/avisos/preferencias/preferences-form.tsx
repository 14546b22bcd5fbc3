'use client';

import { useTranslations } from '@/lib/i18n/client';
import { FormOutcome, useFormAction } from '@/app/_components/use-form-action';
import {
  DEFAULT_NOTIFICATION_MODE,
  NOTIFICATION_KIND_GROUPS,
  NOTIFICATION_MODES,
  type NotificationKind,
  type NotificationMode,
} from '@/lib/domain/notification-kinds';
import { saveNotificationPreferencesAction } from './actions';

/** Each kind as a group of three radios (at once, daily digest, bell only), one save for all. */
export function PreferencesForm({ modes }: { modes: Record<NotificationKind, NotificationMode> }) {
  const t = useTranslations('notificationPrefs');
  const tKinds = useTranslations('notifications.kinds');
  const form = useFormAction(saveNotificationPreferencesAction);
  return (
    <form onSubmit={form.onSubmit} noValidate className="prefs-form">
      {Object.entries(NOTIFICATION_KIND_GROUPS).map(([group, kinds]) => (
        <fieldset key={group} className="fieldset">
          <legend>{t(`groups.${group as keyof typeof NOTIFICATION_KIND_GROUPS}`)}</legend>
          {kinds.map((kind) => {
            const error = form.errors[kind]?.[0];
            return (
              <div
                key={kind}
                role="radiogroup"
                className="prefs-kind"
                aria-labelledby={`pref-${kind}`}
                aria-describedby={`pref-${kind}-hint${error ? ` pref-${kind}-error` : ''}`}
              >
                <div className="prefs-kind-text">
                  <span id={`pref-${kind}`} className="prefs-kind-name">
                    {tKinds(kind)}
                  </span>
                  <span id={`pref-${kind}-hint`} className="choice-hint">
                    {t(`hints.${kind}`)}{' '}
                    {t('default', { mode: t(`modes.${DEFAULT_NOTIFICATION_MODE[kind]}`) })}
                  </span>
                  {error ? (
                    <span id={`pref-${kind}-error`} className="field-error">
                      {error}
                    </span>
                  ) : null}
                </div>
                <div className="prefs-modes">
                  {NOTIFICATION_MODES.map((mode) => (
                    <label key={mode} className="choice prefs-mode">
                      <input
                        type="radio"
                        name={kind}
                        value={mode}
                        defaultChecked={modes[kind] === mode}
                      />
                      {t(`modes.${mode}`)}
                    </label>
                  ))}
                </div>
              </div>
            );
          })}
        </fieldset>
      ))}
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={form.isPending}>
          {t('save')}
        </button>
      </div>
      <FormOutcome result={form.result} success={t('saved')} />
    </form>
  );
}
