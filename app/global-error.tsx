'use client';

import type { ErrorInfo } from 'next/error';
import { useSyncExternalStore } from 'react';
import { DEFAULT_LOCALE, type Locale } from '@/lib/domain/enums';
import { LOCALE_COOKIE, resolveLocale } from '@/lib/i18n/config';
import en from '@/lib/i18n/messages/en.json';
import es from '@/lib/i18n/messages/es.json';
import { errorDigest } from './_components/error-view';
import './globals.css';

/**
 * The root layout itself failed, so there is no next-intl provider and no request to ask for the
 * language: the strings come straight from the catalogues' `app` namespace, and the language
 * from the same cookie the server reads (Spanish on the server render and when it is missing).
 */
const MESSAGES: Record<Locale, typeof es.app> = { es: es.app, en: en.app };

function cookieLocale(): Locale {
  const prefix = `${LOCALE_COOKIE}=`;
  const value = document.cookie
    .split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith(prefix))
    ?.slice(prefix.length);
  try {
    return resolveLocale(value ? decodeURIComponent(value) : null);
  } catch {
    // A cookie with a malformed escape must not break the page that reports errors.
    return DEFAULT_LOCALE;
  }
}

const noChanges = () => () => {};

export default function GlobalError({ error, retry }: ErrorInfo) {
  const locale = useSyncExternalStore(noChanges, cookieLocale, () => DEFAULT_LOCALE);
  const t = MESSAGES[locale];
  const digest = errorDigest(error);
  return (
    <html lang={locale === 'es' ? 'es-CO' : 'en'}>
      <body>
        <title>{`${t.error.title} · ${t.name}`}</title>
        <main id="contenido" className="status-page">
          <h1>{t.error.title}</h1>
          <p>{t.error.body}</p>
          {digest ? (
            <p className="muted small">{t.error.reference.replace('{digest}', digest)}</p>
          ) : null}
          <div className="button-row">
            <button type="button" className="button button-primary" onClick={() => retry()}>
              {t.error.retry}
            </button>
            {/* A full load, not the client router: the app shell around it is what failed. */}
            {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
            <a href="/" className="button">
              {t.home}
            </a>
          </div>
        </main>
      </body>
    </html>
  );
}
