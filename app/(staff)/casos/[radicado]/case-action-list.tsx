'use client';

import { useState } from 'react';
import { useTranslations } from '@/lib/i18n/client';
import type { CaseAction } from '@/lib/domain/case-machine';
import { useElapsedMinutes } from './action-parts';
import { ActionForm, type CaseActionSettings } from './case-actions';

/** Only the actions the state machine allows this user now; the server re-checks every one. */
export function CaseActions({
  actions,
  submit,
  version,
  options,
  typeCode,
  isTransferLate,
  preview,
}: CaseActionSettings & { actions: CaseAction[] }) {
  const t = useTranslations('staffCase');
  const elapsed = useElapsedMinutes();
  // A form is drawn once its action is first opened, and kept (what was typed stays): a case
  // offers up to a dozen actions and the agent opens one or two (issue 15). An action opened
  // before the page came alive is found open when it does.
  const [opened, setOpened] = useState<ReadonlySet<CaseAction>>(() => new Set(['take']));
  const markIfOpen = (action: CaseAction, details: HTMLDetailsElement | null) => {
    if (details?.open) setOpened((was) => (was.has(action) ? was : new Set(was).add(action)));
  };
  if (actions.length === 0) return <p className="muted">{t('noActions')}</p>;
  return (
    <div className="action-list">
      {actions.map((action) => (
        <details
          key={action}
          className="action-item"
          open={action === 'take'}
          ref={(details) => markIfOpen(action, details)}
          onToggle={(event) => markIfOpen(action, event.currentTarget)}
        >
          <summary>{t(`actions.${action}`)}</summary>
          {opened.has(action) && (
            <ActionForm
              action={action}
              submit={submit}
              version={version}
              options={options}
              typeCode={typeCode}
              isTransferLate={isTransferLate}
              elapsed={elapsed}
              preview={preview}
            />
          )}
        </details>
      ))}
    </div>
  );
}
