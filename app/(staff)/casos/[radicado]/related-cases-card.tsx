import Link from 'next/link';
import { getTranslations } from '@/lib/i18n/server';
import type { CaseStory } from '@/lib/server/cases/case-story';

/** Related and merged cases, each a link to its own page (its scope is checked there). */
export async function RelatedCasesCard({ links }: { links: CaseStory['links'] }) {
  const t = await getTranslations('caseStory.links');
  const tTypes = await getTranslations('types');
  const tStates = await getTranslations('states');
  return (
    <section className="card" aria-labelledby="related-title">
      <h2 id="related-title">{t('title')}</h2>
      {links.length === 0 ? (
        <p className="muted small">{t('none')}</p>
      ) : (
        <ul className="plain-list" data-testid="related-cases">
          {links.map((c) => (
            <li key={c.id}>
              <span className="small">{t(`relation.${c.relation}`)}:</span>{' '}
              <Link href={`/casos/${c.radicado}`} className="mono">
                {c.radicado}
              </Link>{' '}
              <span className="muted small">
                · {tTypes(c.typeCode)} · {tStates(c.state)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
