import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { LocaleSwitch } from '../_components/locale-switch';

export default async function HomePage() {
  const t = await getTranslations('home');
  const tApp = await getTranslations('app');
  return (
    <div className="auth-shell">
      <header className="auth-header">
        <span className="brand">{tApp('name')}</span>
        <LocaleSwitch />
      </header>
      <main id="contenido" className="auth-card">
        <h1>{t('title')}</h1>
        <p>{t('intro')}</p>
        <p>
          <Link href="/ingresar" className="button button-quiet">
            {t('staffLink')}
          </Link>
        </p>
      </main>
    </div>
  );
}
