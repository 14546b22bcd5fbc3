'use client';

import Link from 'next/link';
import { useTranslations } from '@/lib/i18n/client';
import { useEffect, useId, useRef } from 'react';

/** The reference a person can quote to support: Next's hash of a server error, matched in the logs. */
export function errorDigest(error: unknown): string | null {
  if (error instanceof Error && 'digest' in error && typeof error.digest === 'string') {
    return error.digest;
  }
  return null;
}

/**
 * What an error boundary shows, in the look of the page it replaces: what happened, that nothing
 * saved was lost, a retry (re-fetches the segment) and a way out. Never the message itself: a
 * server error's message is generic in production and a client one may say too much.
 */
export function ErrorView({
  error,
  retry,
  home,
  landmark,
}: {
  error: unknown;
  retry: () => void;
  home: 'root' | 'cases';
  /** `main` when nothing around it has one (the root boundary), else `section` inside the area's. */
  landmark: 'main' | 'section';
}) {
  const t = useTranslations('app');
  const heading = useRef<HTMLHeadingElement>(null);
  const titleId = useId();
  const digest = errorDigest(error);

  // The boundary swaps content without a navigation, so nothing announces it: move focus here.
  useEffect(() => {
    heading.current?.focus();
  }, [error]);

  const body = (
    <>
      <h1 ref={heading} id={titleId} tabIndex={-1}>
        {t('error.title')}
      </h1>
      <p>{t('error.body')}</p>
      {digest ? <p className="muted small">{t('error.reference', { digest })}</p> : null}
      <div className="button-row">
        <button type="button" className="button button-primary" onClick={() => retry()}>
          {t('error.retry')}
        </button>
        <Link href={home === 'cases' ? '/casos' : '/'} className="button">
          {home === 'cases' ? t('backToCases') : t('home')}
        </Link>
      </div>
    </>
  );
  return landmark === 'main' ? (
    <main id="contenido" className="status-page">
      {body}
    </main>
  ) : (
    <section className="status-page" aria-labelledby={titleId}>
      {body}
    </section>
  );
}
