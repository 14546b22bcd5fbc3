import { getTranslations } from '@/lib/i18n/server';

/**
 * A card with the answer letter as a clear download (staff case page and the petitioner's page), with a print
 * link for staff when the answer goes by post. `href` is the caller's download address
 * (lib/links/attachments.ts), `printHref` the inline copy.
 */
export async function AnswerLetterLink({
  href,
  name,
  sizeBytes,
  printHref,
}: {
  href: string;
  name: string;
  sizeBytes: number;
  printHref?: string | null;
}) {
  const t = await getTranslations('answerLetter');
  return (
    <section className="card" aria-labelledby="answer-letter-title">
      <h2 id="answer-letter-title">{t('title')}</h2>
      <p className="answer-letter-link" data-testid="answer-letter">
        <a href={href} download={name} className="button button-primary">
          {t('download')}
        </a>{' '}
        <span className="muted small">
          {t('size', { kb: Math.max(1, Math.round(sizeBytes / 1024)) })}
        </span>
        {printHref && (
          <>
            {' '}
            <a href={printHref} target="_blank" rel="noopener" className="button">
              {t('print')}
            </a>
          </>
        )}
      </p>
    </section>
  );
}
