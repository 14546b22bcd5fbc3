import Link from 'next/link';
import { getTranslations } from '@/lib/i18n/server';
import { statusPageMetadata } from './_components/status-metadata';

export function generateMetadata() {
  return statusPageMetadata('notFound');
}

export default async function NotFound() {
  const t = await getTranslations('notFound');
  return (
    <main id="contenido" className="auth-card">
      <h1>{t('title')}</h1>
      <p>{t('body')}</p>
      <Link href="/" className="button button-primary">
        {t('home')}
      </Link>
    </main>
  );
}
