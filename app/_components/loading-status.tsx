import { useTranslations } from 'next-intl';

/**
 * The fallback while a server page renders: announced once as a status, and as tall as a short page
 * so the footer does not jump up and back. It fades in late, so a fast navigation shows nothing.
 */
export function LoadingStatus() {
  const t = useTranslations('app');
  return (
    <div role="status" className="loading-status">
      <span className="loading-spinner" aria-hidden="true" />
      <span>{t('loading')}</span>
    </div>
  );
}
