import { getFormatter, getTranslations } from '@/lib/i18n/server';
import type { StaffCasePage } from '@/lib/server/cases/staff-case';

const TONE = {
  met: 'badge-on_track',
  pending: '',
  missed: 'badge-overdue',
  overdue: 'badge-overdue',
} as const;

/** The internal service level, shown apart from the legal term: one can be met and the other not. */
export async function ServiceLevelLine({
  serviceLevel,
}: {
  serviceLevel: StaffCasePage['serviceLevel'];
}) {
  const t = await getTranslations('staffCase');
  const format = await getFormatter();
  if (!serviceLevel) return <p className="muted small">{t('slaNone')}</p>;
  const when = (d: Date) => format.dateTime(d, 'instant');
  const clock = (c: NonNullable<StaffCasePage['serviceLevel']>['firstResponse']) => (
    <span className={`badge ${TONE[c.status]}`}>
      {t(`slaStatus.${c.status}`, { date: when(c.dueAt) })}
    </span>
  );
  return (
    <p className="sla-line small" data-testid="sla">
      <strong>{t('slaTitle')}</strong>
      <span>
        {t('slaFirstResponse', { hours: serviceLevel.target.firstResponseHours })}:{' '}
        {clock(serviceLevel.firstResponse)}
      </span>
      <span>
        {t('slaResolution', { days: serviceLevel.target.resolutionDays })}:{' '}
        {clock(serviceLevel.resolution)}
      </span>
    </p>
  );
}
