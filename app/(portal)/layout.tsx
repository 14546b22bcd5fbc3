import Link from 'next/link';
import { getTranslations } from '@/lib/i18n/server';
import type { ReactNode } from 'react';
import { LocaleSwitch } from '../_components/locale-switch';

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const t = await getTranslations('portal');
  const tApp = await getTranslations('app');
  return (
    <div className="portal-shell">
      <header className="portal-header">
        <Link href="/" className="brand">
          {tApp('name')}
        </Link>
        <nav aria-label={t('nav.label')} className="portal-nav">
          <Link href="/radicar">{t('nav.file')}</Link>
          <Link href="/consulta">{t('nav.lookup')}</Link>
        </nav>
        <LocaleSwitch />
      </header>
      <main id="contenido" className="portal-main">
        {children}
      </main>
      <footer className="portal-footer">
        <p>{t('footer')}</p>
        <p>
          <Link href="/ingresar">{t('nav.staff')}</Link>
        </p>
      </footer>
    </div>
  );
}
