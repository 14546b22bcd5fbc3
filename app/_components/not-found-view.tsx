import Link from 'next/link';
import { getTranslations } from '@/lib/i18n/server';

/** The not-found page inside an area: the area's header stays, with the area's way back. */
export async function NotFoundView({ home }: { home: 'root' | 'cases' }) {
  const t = await getTranslations('notFound');
  const tApp = await getTranslations('app');
  return (
    <section className="status-page" aria-labelledby="not-found-title">
      <h1 id="not-found-title">{t('title')}</h1>
      <p>{t('body')}</p>
      <Link href={home === 'cases' ? '/casos' : '/'} className="button button-primary">
        {home === 'cases' ? tApp('backToCases') : t('home')}
      </Link>
    </section>
  );
}
