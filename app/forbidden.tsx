import Link from 'next/link';
import { getTranslations } from '@/lib/i18n/server';
import { statusPageMetadata } from './_components/status-metadata';

export function generateMetadata() {
  return statusPageMetadata('forbidden');
}

export default async function Forbidden() {
  const t = await getTranslations('forbidden');
  return (
    <main id="contenido" className="auth-card">
      <h1>{t('title')}</h1>
      <p>{t('body')}</p>
      <Link href="/casos" className="button button-primary">
        {t('back')}
      </Link>
    </main>
  );
}
