'use client';

import { useTranslations } from '@/lib/i18n/client';
import { useState } from 'react';
import { useFormAction, type Send } from '@/app/_components/use-form-action';
import type { AnonymiseResult } from '@/lib/server/admin/personal-data';

/** Anonymise on request: an explicit confirmation, then the outcome (done, or already done). */
export function AnonymiseForm({
  customerId,
  anonymised,
  run,
}: {
  customerId: number;
  /** Already anonymised: only the outcome of this visit's request (if any) is shown. */
  anonymised: boolean;
  run: Send<AnonymiseResult>;
}) {
  const t = useTranslations('adminRecords.personal');
  const [confirmed, setConfirmed] = useState(false);
  const { onSubmit, result, isPending } = useFormAction(run, { extra: { customerId } });
  const outcome = (
    <div aria-live="polite">
      {result && !result.ok && <p className="alert alert-error">{result.message}</p>}
      {result?.ok && (
        <p className="alert alert-ok" data-testid="anonymise-outcome">
          {result.data.alreadyAnonymised ? t('already') : t('done', { cases: result.data.cases })}
        </p>
      )}
    </div>
  );
  if (anonymised) return outcome;
  return (
    <form onSubmit={onSubmit} aria-labelledby="anonymise-title">
      <h3 id="anonymise-title">{t('anonymise')}</h3>
      <p className="muted">{t('anonymiseHint')}</p>
      <label className="confirm-line">
        <input
          type="checkbox"
          checked={confirmed}
          onChange={(e) => setConfirmed(e.currentTarget.checked)}
        />
        {t('confirm')}
      </label>
      <button type="submit" className="button button-primary" disabled={!confirmed || isPending}>
        {isPending ? t('working') : t('anonymiseRun')}
      </button>
      {outcome}
    </form>
  );
}
