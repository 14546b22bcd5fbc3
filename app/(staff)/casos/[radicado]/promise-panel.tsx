'use client';

import { useFormatter, useTranslations } from '@/lib/i18n/client';
import { systemPromiseKey } from '@/lib/domain/regimes';
import { useFormAction, type FormBody, type FormResult } from '@/app/_components/use-form-action';
import type { PromiseStatus } from '@/lib/domain/enums';

type PromiseItem = {
  id: number;
  description: string;
  dueAt: string;
  effectiveStatus: PromiseStatus;
  renegotiationReason: string | null;
};
type Submit = (promiseId: number, body: FormBody) => Promise<FormResult<unknown>>;

function PromiseRow({ promise, submit }: { promise: PromiseItem; submit: Submit }) {
  const t = useTranslations('staffCase');
  const tStatus = useTranslations('portal.case.promiseStatus');
  const format = useFormatter();
  const {
    onSubmit: send,
    result,
    errors,
    isPending,
  } = useFormAction((body) => submit(promise.id, body));
  const id = `promise-${promise.id}`;
  const systemKey = systemPromiseKey(promise.description);
  return (
    <li className="promise">
      <span>
        {promise.description === 'callback'
          ? t('actions.add_promise')
          : (systemKey && t(systemKey)) || promise.description}
      </span>
      <span className="muted">{format.dateTime(new Date(promise.dueAt), 'instant')}</span>
      <span className={`badge promise-${promise.effectiveStatus}`} data-testid={`${id}-status`}>
        {tStatus(promise.effectiveStatus)}
      </span>
      {result && !result.ok && (
        <p role="alert" className="alert alert-error">
          {result.message}
        </p>
      )}
      {promise.effectiveStatus === 'pending' && (
        <div className="promise-actions">
          <form onSubmit={send}>
            <input type="hidden" name="action" value="keep" />
            <button type="submit" className="button" disabled={isPending}>
              {t('keep')}
            </button>
          </form>
          <details>
            <summary>{t('renegotiate')}</summary>
            <form onSubmit={send} className="form compact">
              <input type="hidden" name="action" value="renegotiate" />
              <div className="field">
                <label htmlFor={`${id}-due`}>{t('newDueAt')}</label>
                <input
                  id={`${id}-due`}
                  name="newDueAt"
                  type="datetime-local"
                  aria-invalid={errors.newDueAt ? true : undefined}
                />
                {errors.newDueAt && <p className="field-error">{errors.newDueAt[0]}</p>}
              </div>
              <div className="field">
                <label htmlFor={`${id}-reason`}>{t('renegotiateReason')}</label>
                <textarea
                  id={`${id}-reason`}
                  name="reason"
                  rows={2}
                  aria-invalid={errors.reason ? true : undefined}
                />
                {errors.reason && <p className="field-error">{errors.reason[0]}</p>}
              </div>
              <button type="submit" className="button button-primary" disabled={isPending}>
                {t('renegotiate')}
              </button>
            </form>
          </details>
        </div>
      )}
    </li>
  );
}

export function PromisePanel({ promises, submit }: { promises: PromiseItem[]; submit: Submit }) {
  const t = useTranslations('staffCase');
  if (promises.length === 0) return <p className="muted">{t('noPromises')}</p>;
  return (
    <ul className="promise-list">
      {promises.map((p) => (
        <PromiseRow key={p.id} promise={p} submit={submit} />
      ))}
    </ul>
  );
}
