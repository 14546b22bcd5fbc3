import { getFormatter, getTranslations } from '@/lib/i18n/server';
import type { CaseStory } from '@/lib/server/cases/case-story';
import type { CaseView } from '@/lib/server/cases/get-case';
import { calendarDate } from '@/lib/i18n/formats';

const BADGE = {
  on_time: 'badge-on_track',
  late: 'badge-overdue',
  pending: 'badge-at_risk',
  overdue_undelivered: 'badge-overdue',
} as const;

/**
 * For an answered or closed case: the legal due date beside the day the answer was delivered, on
 * time or late, and how each promise ended.
 */
export async function AnswerResultCard({
  delivery,
  promises,
}: {
  delivery: NonNullable<CaseStory['answerDelivery']>;
  promises: CaseView['promises'];
}) {
  const t = await getTranslations('caseStory.delivery');
  const format = await getFormatter();
  const day = (date: string) => calendarDate(format, date, 'dayLong');
  return (
    <section className="card" aria-labelledby="result-title">
      <h2 id="result-title">{t('title')}</h2>
      <dl className="facts" data-testid="answer-result">
        <div>
          <dt>{t('dueDate')}</dt>
          <dd>
            {delivery.dueDate
              ? `${day(delivery.dueDate)}${delivery.isExtended ? ` (${t('extended')})` : ''}`
              : t('noTerm')}
          </dd>
        </div>
        <div>
          <dt>{t('delivered')}</dt>
          <dd>
            {delivery.deliveredAt
              ? format.dateTime(delivery.deliveredAt, 'instantLong')
              : t('notDelivered')}
            {delivery.medium && <span className="muted small"> {t(`by.${delivery.medium}`)}</span>}
          </dd>
        </div>
        {delivery.result && (
          <div>
            <dt>{t('resultLabel')}</dt>
            <dd>
              <span className={`badge ${BADGE[delivery.result]}`} data-testid="answer-on-time">
                {t(`result.${delivery.result}`)}
              </span>
            </dd>
          </div>
        )}
      </dl>
      <h3>{t('promisesTitle')}</h3>
      {promises.length === 0 ? (
        <p className="muted small">{t('noPromises')}</p>
      ) : (
        <ul className="promise-list">
          {promises.map((p) => (
            <li key={p.id} className="promise">
              <span>{p.description}</span>
              <span className={`badge promise-${p.effectiveStatus}`}>
                {t(`promiseStatus.${p.effectiveStatus}`)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
