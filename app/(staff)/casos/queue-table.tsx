'use client';

import { useFormatter, useTranslations } from '@/lib/i18n/client';
import Link from 'next/link';
import type { DeadlineStatus } from '@/lib/domain/legal-term';
import { DeadlineChip } from '../../_components/deadline-chip';

export type QueueRow = {
  id: number;
  radicado: string;
  typeCode: string;
  subject: string;
  customerName: string | null;
  channel: string;
  state: string;
  priority: string;
  version: number;
  dueDate: string | null;
  isPaused: boolean;
  deadline: { status: DeadlineStatus; businessDaysLeft: number } | null;
  nextPromiseDueAt: string | null;
  nextPromiseIsBroken: boolean;
  assigneeName: string | null;
};

const COLUMNS = [
  'radicado',
  'type',
  'subject',
  'customer',
  'channel',
  'state',
  'due',
  'promise',
  'assignee',
] as const;

/** One page of a queue; each row has a checkbox for bulk work (issue 14 §6). */
export function QueueTable({
  rows,
  selected,
  onToggle,
}: {
  rows: QueueRow[];
  selected: ReadonlySet<number>;
  onToggle: (id: number) => void;
}) {
  const t = useTranslations('queues');
  const tBulk = useTranslations('bulkWork');
  const tTypes = useTranslations('types');
  const tStates = useTranslations('states');
  const tChannels = useTranslations('channels');
  const format = useFormatter();
  const label = (c: (typeof COLUMNS)[number]) => t(`columns.${c}`);
  return (
    <div className="table-scroll">
      <table className="table labelled queue-table">
        <thead>
          <tr>
            <th scope="col" className="select-cell">
              <span className="visually-hidden">{tBulk('selectColumn')}</span>
            </th>
            {COLUMNS.map((c) => (
              <th key={c} scope="col">
                {t(`columns.${c}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} className={selected.has(r.id) ? 'is-selected' : undefined}>
              <td className="select-cell">
                <input
                  type="checkbox"
                  checked={selected.has(r.id)}
                  onChange={() => onToggle(r.id)}
                  aria-label={tBulk('selectCase', { radicado: r.radicado })}
                />
              </td>
              <td className="nowrap">
                <Link href={`/casos/${r.radicado}`} className="mono">
                  {r.radicado}
                </Link>
                {r.priority === 'preferente' && (
                  <div className="priority-line">
                    <span className="badge badge-priority">{tBulk('preferente')}</span>
                  </div>
                )}
              </td>
              <td data-label={label('type')}>{tTypes(r.typeCode as 'P')}</td>
              <td data-label={label('subject')} className="subject-cell">
                {/* Two lines at most; the whole subject on hover. */}
                <span className="clamp" title={r.subject}>
                  {r.subject}
                </span>
              </td>
              <td data-label={label('customer')}>{r.customerName ?? t('anonymous')}</td>
              <td data-label={label('channel')}>{tChannels(r.channel as 'web')}</td>
              <td data-label={label('state')}>{tStates(r.state as 'radicada')}</td>
              {/* The chip may wrap: with the checkbox column, all ten columns fit at 1366 px. */}
              <td data-label={label('due')} className="due-cell">
                <DeadlineChip dueDate={r.dueDate} deadline={r.deadline} isPaused={r.isPaused} />
              </td>
              <td data-label={label('promise')} className="nowrap">
                {r.nextPromiseDueAt ? (
                  <span className={r.nextPromiseIsBroken ? 'badge badge-overdue' : ''}>
                    {format.dateTime(new Date(r.nextPromiseDueAt), 'instant')}
                    {r.nextPromiseIsBroken && ` · ${t('promiseBroken')}`}
                  </span>
                ) : (
                  t('noPromise')
                )}
              </td>
              <td data-label={label('assignee')}>{r.assigneeName ?? t('nobody')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
