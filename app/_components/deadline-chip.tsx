'use client';

import { useFormatter, useTranslations } from '@/lib/i18n/client';
import type { DeadlineStatus } from '@/lib/domain/legal-term';
import { calendarDate } from '@/lib/i18n/formats';

/** The deadline traffic light: colour plus words, never colour alone. */
export function DeadlineChip({
  dueDate,
  deadline,
  isPaused,
}: {
  dueDate: string | null;
  deadline: { status: DeadlineStatus; businessDaysLeft: number } | null;
  isPaused: boolean;
}) {
  const t = useTranslations('deadline');
  const format = useFormatter();
  if (isPaused) return <span className="badge badge-paused">{t('paused')}</span>;
  if (!dueDate || !deadline) return <span className="badge">{t('none')}</span>;
  const date = calendarDate(format, dueDate);
  const detail =
    deadline.status === 'overdue'
      ? t('daysOverdue', { count: Math.abs(deadline.businessDaysLeft) })
      : t('daysLeft', { count: deadline.businessDaysLeft });
  return (
    <span className={`badge badge-${deadline.status}`}>
      <span className="badge-dot" aria-hidden="true" />
      {t(deadline.status)} · {date} · {detail}
    </span>
  );
}
