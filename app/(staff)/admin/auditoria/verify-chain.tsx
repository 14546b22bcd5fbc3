'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useFormatter, useTranslations } from '@/lib/i18n/client';
import { useFormAction, type Send } from '@/app/_components/use-form-action';
import type { VerificationView } from '@/lib/server/admin/chain-verification';

/** How often the page asks for the progress of a running verification. */
export const VERIFY_POLL_MS = 1_000;
const QUERY_KEY = ['audit-verification'];

type Latest = { run: VerificationView | null };

/**
 * The chain verification: a button that starts a background run, its progress while it runs
 * (polled every second) and its outcome — intact with the count, the first broken link in full, or
 * interrupted by a stop of the server.
 */
export function VerifyChain({
  initial,
  start,
}: {
  initial: VerificationView | null;
  start: Send<{ run: VerificationView; alreadyRunning: boolean }>;
}) {
  const t = useTranslations('adminRecords.audit.verify');
  const format = useFormatter();
  const queryClient = useQueryClient();
  const { data } = useQuery({
    queryKey: QUERY_KEY,
    queryFn: async (): Promise<Latest> => {
      const res = await fetch('/api/admin/auditoria/verificacion', { cache: 'no-store' });
      if (!res.ok) throw new Error(String(res.status));
      return (await res.json()) as Latest;
    },
    initialData: { run: initial },
    staleTime: 0,
    refetchInterval: (query) =>
      query.state.data?.run?.status === 'running' ? VERIFY_POLL_MS : false,
  });
  const { submit, result, isPending } = useFormAction(start, {
    onSuccess: (started) => queryClient.setQueryData<Latest>(QUERY_KEY, { run: started.run }),
  });
  const run = data.run;
  const running = run?.status === 'running';
  const percent = run && run.total > 0 ? Math.floor((run.checked / run.total) * 100) : 0;
  const seconds =
    run?.finishedAt != null
      ? ((Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000).toFixed(1)
      : '0';
  return (
    <section className="card" aria-labelledby="verify-title">
      <h2 id="verify-title">{t('title')}</h2>
      <p className="muted">{t('intro')}</p>
      <button
        type="button"
        className="button button-primary"
        disabled={isPending || running}
        onClick={() => submit({})}
      >
        {isPending || running ? t('running') : t('run')}
      </button>
      <div aria-live="polite" className="verify-outcome">
        {result && !result.ok && <p className="alert alert-error">{result.message}</p>}
        {result?.ok && result.data.alreadyRunning && (
          <p className="alert alert-info">{t('alreadyRunning')}</p>
        )}
        {!run && <p className="muted">{t('none')}</p>}
        {run && (
          <p className="muted verify-when">
            {t('startedAt', {
              when: format.dateTime(new Date(run.startedAt), 'instant'),
            })}
          </p>
        )}
        {running && (
          <div className="verify-progress" data-testid="chain-progress">
            <progress
              value={run.checked}
              max={Math.max(run.total, 1)}
              aria-label={t('progressLabel')}
            />
            <p>
              {t('progress', {
                checked: format.number(run.checked),
                total: format.number(run.total),
                percent,
              })}
            </p>
          </div>
        )}
        {run?.status === 'passed' && (
          <p className="alert alert-ok" data-testid="chain-intact">
            {t('intact', { events: run.checked, seconds })}
          </p>
        )}
        {run?.status === 'interrupted' && (
          <p className="alert alert-warn" data-testid="chain-interrupted">
            {t('interrupted', {
              checked: format.number(run.checked),
              total: format.number(run.total),
            })}
          </p>
        )}
        {run?.status === 'failed' && (
          <div className="alert alert-error" data-testid="chain-broken">
            <p>
              <strong>
                {t('broken', {
                  eventId: run.brokenAtEventId ?? 0,
                  events: format.number(run.checked),
                })}
              </strong>
            </p>
            {run.broken && (
              <>
                <p>{t(`kind_${run.broken.kind}`)}</p>
                <dl className="hash-pair">
                  <dt>{t('expected')}</dt>
                  <dd className="mono">{run.broken.expected ?? t('empty')}</dd>
                  <dt>{t('found')}</dt>
                  <dd className="mono">{run.broken.found ?? t('empty')}</dd>
                </dl>
              </>
            )}
          </div>
        )}
      </div>
    </section>
  );
}
