'use client';

import { useTranslations } from 'next-intl';
import { useFormAction, type Send } from '@/app/_components/use-form-action';
import type { ChainReport } from '@/lib/server/admin/audit-verify';

/** The verify button and its outcome: intact with the count, or the first broken link in full. */
export function VerifyChain({ run }: { run: Send<ChainReport> }) {
  const t = useTranslations('adminRecords.audit.verify');
  // A read: nothing on the page changes, so no refresh after it.
  const { submit, result, isPending } = useFormAction(run, { onSuccess: () => {} });
  const report = result?.ok ? result.data : null;
  return (
    <section className="card" aria-labelledby="verify-title">
      <h2 id="verify-title">{t('title')}</h2>
      <p className="muted">{t('intro')}</p>
      <button
        type="button"
        className="button button-primary"
        disabled={isPending}
        onClick={() => submit({})}
      >
        {isPending ? t('running') : t('run')}
      </button>
      <div aria-live="polite" className="verify-outcome">
        {result && !result.ok && <p className="alert alert-error">{result.message}</p>}
        {report?.intact && (
          <p className="alert alert-ok" data-testid="chain-intact">
            {t('intact', {
              events: report.events.toLocaleString(),
              seconds: (report.ms / 1000).toFixed(1),
            })}
          </p>
        )}
        {report && !report.intact && (
          <div className="alert alert-error" data-testid="chain-broken">
            <p>
              <strong>
                {t('broken', { eventId: report.eventId, events: report.events.toLocaleString() })}
              </strong>
            </p>
            <p>{t(`kind_${report.kind}`)}</p>
            <dl className="hash-pair">
              <dt>{t('expected')}</dt>
              <dd className="mono">{report.expected ?? t('empty')}</dd>
              <dt>{t('found')}</dt>
              <dd className="mono">{report.found ?? t('empty')}</dd>
            </dl>
          </div>
        )}
      </div>
    </section>
  );
}
