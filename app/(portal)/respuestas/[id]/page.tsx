import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from '@/lib/i18n/server';
import { publishedAnswer } from '@/lib/server/analogous/group-lists';
import { requestCtx } from '@/lib/server/core/context';
import { isAppError } from '@/lib/server/core/errors';
import { VISITOR } from '@/lib/server/portal/actors';

async function load(id: string) {
  try {
    return await publishedAnswer(requestCtx(VISITOR), { groupId: id });
  } catch (error) {
    if (isAppError(error) && ['NOT_FOUND', 'VALIDATION'].includes(error.code)) notFound();
    throw error;
  }
}

export async function generateMetadata({
  params,
}: {
  params: Promise<{ id: string }>;
}): Promise<Metadata> {
  return { title: (await load((await params).id)).matter };
}

/** One published joint answer: the matter, the date, and the answer as every petitioner got it. */
export default async function PublishedAnswerPage({ params }: { params: Promise<{ id: string }> }) {
  const answer = await load((await params).id);
  const t = await getTranslations('portal.answers');
  const format = await getFormatter();
  return (
    <article className="card" aria-labelledby="answer-title">
      <p>
        <Link href="/respuestas">{t('back')}</Link>
      </p>
      <h1 id="answer-title">{answer.matter}</h1>
      <p className="muted">
        {t('answeredOn', { date: format.dateTime(answer.answeredAt, 'dayLong') })} ·{' '}
        {t('count', { count: answer.count })}
      </p>
      <div className="prewrap" data-testid="published-answer">
        {answer.body}
      </div>
    </article>
  );
}
