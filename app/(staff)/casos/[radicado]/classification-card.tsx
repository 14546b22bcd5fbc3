import { getTranslations } from '@/lib/i18n/server';
import type { CaseStory } from '@/lib/server/cases/case-story';

/** Type, category, originating process and root cause; "sin clasificar" where not set yet. */
export async function ClassificationCard({
  classification,
}: {
  classification: CaseStory['classification'];
}) {
  const t = await getTranslations('caseStory.classification');
  const tTypes = await getTranslations('types');
  const rows = [
    ['type', tTypes(classification.typeCode)],
    ['category', classification.category],
    ['process', classification.process],
    ['rootCause', classification.rootCause],
  ] as const;
  return (
    <section className="card" aria-labelledby="classification-title">
      <h2 id="classification-title">{t('title')}</h2>
      <dl className="facts single" data-testid="classification">
        {rows.map(([key, value]) => (
          <div key={key}>
            <dt>{t(key)}</dt>
            <dd className={value ? undefined : 'muted'}>{value ?? t('unclassified')}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
