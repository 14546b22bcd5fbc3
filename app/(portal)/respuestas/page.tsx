import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getTranslations } from '@/lib/i18n/server';
import { publishedAnswers } from '@/lib/server/analogous/group-lists';
import { requestCtx } from '@/lib/server/core/context';
import { VISITOR } from '@/lib/server/portal/actors';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('portal.answers');
  return { title: t('title') };
}

/** The joint answers to analogous petitions (Ley 1755 art. 22), published for anyone to read. */
export default async function PublishedAnswersPage() {
  const t = await getTranslations('portal.answers');
  const format = await getFormatter();
  const answers = await publishedAnswers(requestCtx(VISITOR));
  return (
    <section className="card" aria-labelledby="answers-title">
      <h1 id="answers-title">{t('heading')}</h1>
      <p className="muted">{t('intro')}</p>
      {answers.length === 0 ? (
        <p>{t('none')}</p>
      ) : (
        <ul className="published-answers">
          {answers.map((a) => (
            <li key={a.id}>
              <Link href={`/respuestas/${a.id}`}>{a.matter}</Link>
              <span className="muted small">
                {' '}
                ·{' '}
                {t('answeredOn', {
                  date: format.dateTime(a.answeredAt!, 'dayLong'),
                })}{' '}
                · {t('count', { count: a.count })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
