import { getTranslations } from '@/lib/i18n/server';
import Link from 'next/link';
import { ADMIN_SECTIONS } from './sections';

export async function generateMetadata() {
  const t = await getTranslations('admin');
  return { title: t('title') };
}

/** The administration start page: what each section configures. */
export default async function AdminHome() {
  const t = await getTranslations('admin');
  return (
    <>
      <h1>{t('title')}</h1>
      <p className="muted">{t('intro')}</p>
      <ul className="admin-cards">
        {ADMIN_SECTIONS.map((s) => (
          <li key={s.href} className="card">
            <h2>
              <Link href={s.href}>{t(`sections.${s.key}`)}</Link>
            </h2>
            <p className="muted">{t(`descriptions.${s.key}`)}</p>
          </li>
        ))}
      </ul>
    </>
  );
}
