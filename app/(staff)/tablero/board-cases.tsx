'use client';

import { useFormatter, useTranslations } from '@/lib/i18n/client';
import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import { postTo, useFormAction, type FormResult } from '@/app/_components/use-form-action';
import type { Board } from '@/lib/server/supervision/board';
import { DeadlineChip } from '../../_components/deadline-chip';

export interface AgentOption {
  id: number;
  name: string;
  teamName: string | null;
}

type Outcome =
  | { caseId: number; radicado: string | null; ok: true }
  | { caseId: number; radicado: string | null; ok: false; message: string };
type Report =
  | { kind: 'done'; assigneeName: string; assigned: number; failures: Outcome[] }
  | { kind: 'error'; message: string };

/** What POST /api/tablero/reasignar answers: every case with its outcome. */
interface ReassignAnswer {
  assigneeName: string;
  assigned: number;
  results: Outcome[];
}

const sendReassign = postTo<ReassignAnswer>('/api/tablero/reasignar');

/** The answer as the report under the form: the first field message, else the message. */
function reportOf(result: FormResult<ReassignAnswer> | null, fallback: string): Report | null {
  if (!result) return null;
  if (!result.ok) {
    const fieldMessage = Object.values(result.fieldErrors ?? {}).flat()[0];
    return { kind: 'error', message: fieldMessage || result.message || fallback };
  }
  const { assigneeName, assigned, results } = result.data;
  return { kind: 'done', assigneeName, assigned, failures: results.filter((r) => !r.ok) };
}

/**
 * The cases behind the board (overdue, due today, at risk) with a checkbox each, and the bulk
 * reassignment: every checked case goes to one agent through POST /api/tablero/reasignar, which
 * reports each case's outcome; then the board is refetched in place.
 */
export function BoardCases({
  cases,
  agents,
  search,
  onReassigned,
}: {
  cases: Board['cases'];
  agents: AgentOption[];
  search: string;
  onReassigned: () => Promise<unknown>;
}) {
  const t = useTranslations('board.cases');
  const tr = useTranslations('board.reassign');
  const tBoard = useTranslations('board');
  const tTypes = useTranslations('types');
  const tStates = useTranslations('states');
  const format = useFormatter();
  const [checked, setChecked] = useState<ReadonlySet<number>>(new Set());
  const [assigneeId, setAssigneeId] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const {
    submit,
    result,
    isPending: isSending,
    reset,
  } = useFormAction(sendReassign, {
    // The board is React Query data: refetch it in place instead of re-rendering the page.
    onSuccess: (answer) => {
      setChecked(new Set(answer.results.filter((r) => !r.ok).map((r) => r.caseId)));
      void onReassigned();
    },
  });
  const report: Report | null = localError
    ? { kind: 'error', message: localError }
    : reportOf(result, tr('error'));

  // Only cases still on this page count: a case that left the board (answered meanwhile) is not
  // reassigned behind the supervisor's back.
  const selected = cases.rows.filter((r) => checked.has(r.id)).map((r) => r.id);
  const isAllChecked = cases.rows.length > 0 && selected.length === cases.rows.length;
  const toggle = (id: number, on: boolean) =>
    setChecked((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const pageHref = (page: number) => {
    const params = new URLSearchParams(search);
    if (page > 1) params.set('page', String(page));
    else params.delete('page');
    const qs = params.toString();
    return qs ? `/tablero?${qs}` : '/tablero';
  };

  function reassign(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    reset();
    setLocalError(null);
    if (selected.length === 0) return setLocalError(tr('noneSelected'));
    if (!assigneeId) return setLocalError(tr('noAssignee'));
    submit({ caseIds: selected, assigneeId: Number(assigneeId) });
  }

  const columns = ['radicado', 'type', 'subject', 'state', 'due', 'assignee', 'team'] as const;
  return (
    <section className="card board-cases" aria-labelledby="board-cases-title">
      <div className="figure-head">
        <h2 id="board-cases-title" className="figure-title">
          {t('title')}
        </h2>
        <p className="muted" data-testid="board-cases-total">
          {t('total', { count: cases.total })}
        </p>
      </div>
      <p className="figure-description">{t('description')}</p>
      {/* Nothing on the board: nothing to reassign. */}
      {cases.rows.length > 0 ? (
        <form className="board-bulk" onSubmit={reassign} aria-label={tr('label')} noValidate>
          <div className="field">
            <label htmlFor="board-assignee">{tr('assignee')}</label>
            <select
              id="board-assignee"
              value={assigneeId}
              onChange={(e) => setAssigneeId(e.target.value)}
            >
              <option value="">{tr('choose')}</option>
              {agents.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.teamName ? `${a.name} (${a.teamName})` : a.name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button button-primary" disabled={isSending}>
            {isSending ? tr('sending') : tr('submit')}
          </button>
          <span className="muted" aria-live="polite">
            {tr('selected', { count: selected.length })}
          </span>
          {cases.rows.length > 0 ? (
            <label className="board-all">
              <input
                type="checkbox"
                checked={isAllChecked}
                onChange={(e) =>
                  setChecked(e.target.checked ? new Set(cases.rows.map((r) => r.id)) : new Set())
                }
              />
              {t('selectAll')}
            </label>
          ) : null}
        </form>
      ) : null}
      <div role="status" className="board-report">
        {report?.kind === 'done' && report.assigned > 0 ? (
          <p className="alert alert-ok">
            {tr('done', { count: report.assigned, name: report.assigneeName })}
          </p>
        ) : null}
      </div>
      {report?.kind === 'error' || (report?.kind === 'done' && report.failures.length > 0) ? (
        <div role="alert" className="alert alert-error">
          {report.kind === 'error' ? (
            <p>{report.message}</p>
          ) : (
            <>
              <p>{tr('failed', { count: report.failures.length })}</p>
              <ul>
                {report.failures.map((f) => (
                  <li key={f.caseId}>
                    <span className="mono">{f.radicado ?? tr('caseId', { id: f.caseId })}</span>:{' '}
                    {f.ok ? null : f.message}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      ) : null}
      {cases.rows.length === 0 ? (
        <p className="muted">{t('empty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <caption className="visually-hidden">{t('title')}</caption>
            <thead>
              <tr>
                <th scope="col">
                  <span className="visually-hidden">{t('select')}</span>
                </th>
                {columns.map((c) => (
                  <th key={c} scope="col">
                    {t(c)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {cases.rows.map((r) => (
                <tr key={r.id} data-bucket={r.bucket}>
                  <td className="board-check">
                    <input
                      type="checkbox"
                      aria-label={t('selectCase', { radicado: r.radicado })}
                      checked={checked.has(r.id)}
                      onChange={(e) => toggle(r.id, e.target.checked)}
                    />
                  </td>
                  <th scope="row" className="nowrap">
                    <Link href={`/casos/${r.radicado}`} className="mono">
                      {r.radicado}
                    </Link>
                  </th>
                  <td data-label={t('type')}>{tTypes(r.typeCode)}</td>
                  <td data-label={t('subject')}>{r.subject}</td>
                  <td data-label={t('state')}>{tStates(r.state)}</td>
                  <td className="nowrap">
                    <DeadlineChip dueDate={r.dueDate} deadline={r.deadline} isPaused={false} />
                    {r.deliveryDueAt && (
                      <div className="board-silence" data-testid="board-silence">
                        <span className="badge badge-overdue">
                          {r.typeCode === 'PD'
                            ? tBoard('acceptedBySilence')
                            : tBoard('positiveSilence')}
                        </span>{' '}
                        {tBoard(r.typeCode === 'PD' ? 'deliverBy' : 'recogniseBy', {
                          date: format.dateTime(new Date(r.deliveryDueAt), 'day'),
                        })}
                      </div>
                    )}
                  </td>
                  <td data-label={t('assignee')} data-testid="board-case-assignee">
                    {r.assigneeName ?? tBoard('unassigned')}
                  </td>
                  <td data-label={t('team')}>{r.teamName ?? tBoard('noTeam')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {cases.pageCount > 1 ? (
        <nav className="pager" aria-label={t('pages')}>
          {cases.page > 1 ? <Link href={pageHref(cases.page - 1)}>{t('previous')}</Link> : <span />}
          <span>{t('pageOf', { page: cases.page, pages: cases.pageCount })}</span>
          {cases.page < cases.pageCount ? (
            <Link href={pageHref(cases.page + 1)}>{t('next')}</Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </section>
  );
}
