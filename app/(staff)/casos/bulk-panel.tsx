'use client';

import { useTranslations } from '@/lib/i18n/client';
import Link from 'next/link';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { SelectField } from '@/app/_components/select-field';
import { FormOutcome, newSubmissionId, useFormAction } from '@/app/_components/use-form-action';
import { PRIORITIES } from '@/lib/domain/enums';
import type { BulkAction } from '@/lib/validation/bulk-cases';
import { runBulk, type BulkCaseOutcome } from './bulk-actions';
import type { QueueRow } from './queue-table';
import { TextArea } from '@/app/_components/text-area';

type Option = { id: number; name: string };
type BulkRun = { done: number; failed: number; outcomes: BulkCaseOutcome[] };

export interface BulkOptions {
  /** What this person's role may do to many cases at once (the server checks again). */
  actions: BulkAction[];
  staff: Option[];
  /** Open problems, for supervisors and admins. */
  problems: Option[];
}

/**
 * The selection bar and the one bulk action over the selected rows of the page (issue 14 §6).
 * Each case succeeds or fails alone: the result lists every case, and the ones that failed stay
 * selected so they can be looked at and tried again.
 */
export function BulkPanel({
  rows,
  selected,
  onSelect,
  options,
  onRun,
}: {
  rows: QueueRow[];
  selected: ReadonlySet<number>;
  onSelect: (ids: Set<number>) => void;
  options: BulkOptions;
  onRun: () => void;
}) {
  const t = useTranslations('bulkWork');
  const tCase = useTranslations('staffCase');
  const chosen = rows.filter((r) => selected.has(r.id));
  const isAll = rows.length > 0 && chosen.length === rows.length;
  const [action, setAction] = useState<BulkAction | ''>('');
  const [run, setRun] = useState<{ result: BulkRun; radicados: Map<number, string> } | null>(null);
  const sentRadicados = useRef(new Map<number, string>());
  const formRef = useRef<HTMLFormElement>(null);
  const resultRef = useRef<HTMLElement>(null);
  const sent = useFormAction<BulkRun>(runBulk, {
    onSuccess: (result) => {
      setRun({ result, radicados: sentRadicados.current });
      onSelect(new Set(result.outcomes.filter((o) => !o.ok).map((o) => o.caseId)));
      formRef.current?.reset();
      setAction('');
      onRun();
    },
  });
  // The result takes the focus, so a keyboard or screen reader user lands on what happened.
  useEffect(() => resultRef.current?.focus(), [run]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    sentRadicados.current = new Map(chosen.map((r) => [r.id, r.radicado]));
    const fields = Object.fromEntries(new FormData(event.currentTarget));
    sent.submit({
      ...fields,
      submissionId: newSubmissionId(),
      cases: chosen.map((r) => ({ caseId: r.id, expectedVersion: r.version })),
    });
  };
  const field = (name: string) => ({
    id: `bulk-${name}`,
    name,
    label: t(`fields.${name}`),
    errors: sent.errors[name],
  });
  const fieldsByAction: Record<BulkAction, React.ReactNode> = {
    assign: <SelectField {...field('assigneeId')} options={options.staff} empty={t('choose')} />,
    take: null,
    priority: (
      <>
        <SelectField
          {...field('priority')}
          options={PRIORITIES.map((p) => ({ id: p, name: tCase(`options.priority.${p}`) }))}
        />
        <TextArea {...field('reason')} rows={2} />
      </>
    ),
    note: <TextArea {...field('body')} rows={3} />,
    link_problem:
      options.problems.length > 0 ? (
        <SelectField {...field('problemId')} options={options.problems} empty={t('choose')} />
      ) : (
        <p className="muted">{t('noProblems')}</p>
      ),
  };

  return (
    <div className="bulk">
      <div className="bulk-bar">
        <label className="check">
          <input
            type="checkbox"
            checked={isAll}
            ref={(el) => {
              if (el) el.indeterminate = chosen.length > 0 && !isAll;
            }}
            onChange={() => onSelect(new Set(isAll ? [] : rows.map((r) => r.id)))}
          />
          {t('selectAll', { count: rows.length })}
        </label>
        <p role="status" className="bulk-count">
          {t('selected', { count: chosen.length })}
        </p>
        {chosen.length > 0 && (
          <button type="button" className="button button-quiet" onClick={() => onSelect(new Set())}>
            {t('clear')}
          </button>
        )}
      </div>
      {chosen.length > 0 && (
        <form
          ref={formRef}
          onSubmit={onSubmit}
          noValidate
          className="bulk-form"
          aria-label={t('title')}
        >
          <FormOutcome result={sent.result?.ok ? null : sent.result} />
          {sent.errors.cases && <p className="field-error">{sent.errors.cases[0]}</p>}
          <div className="field-grid">
            <SelectField
              id="bulk-action"
              name="action"
              label={t('action')}
              value={action}
              onChange={(e) => setAction(e.target.value as BulkAction | '')}
              options={options.actions.map((a) => ({ id: a, name: t(`actions.${a}`) }))}
              empty={t('choose')}
              errors={sent.errors.action}
            />
            {action && fieldsByAction[action]}
          </div>
          <div className="button-row">
            <button type="submit" className="button button-primary" disabled={sent.isPending}>
              {sent.isPending ? t('applying') : t('apply', { count: chosen.length })}
            </button>
          </div>
        </form>
      )}
      {run && (
        <section
          ref={resultRef}
          tabIndex={-1}
          className="bulk-result"
          aria-labelledby="bulk-result-title"
          data-testid="bulk-result"
        >
          <h3 id="bulk-result-title">{t('resultTitle')}</h3>
          <p>{t('summary', { done: run.result.done, failed: run.result.failed })}</p>
          <ul className="bulk-outcomes">
            {run.result.outcomes.map((o) => {
              const radicado = o.radicado ?? run.radicados.get(o.caseId);
              return (
                <li key={o.caseId} className={o.ok ? 'is-done' : 'is-failed'}>
                  {radicado ? (
                    <Link href={`/casos/${radicado}`} className="mono">
                      {radicado}
                    </Link>
                  ) : (
                    t('hiddenCase', { caseId: o.caseId })
                  )}
                  <span>{o.ok ? t('done') : o.message}</span>
                </li>
              );
            })}
          </ul>
          <button type="button" className="button button-quiet" onClick={() => setRun(null)}>
            {t('dismiss')}
          </button>
        </section>
      )}
    </div>
  );
}
