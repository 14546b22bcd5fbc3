import Link from 'next/link';
import { getTranslations } from '@/lib/i18n/server';
import type { ReactNode } from 'react';
import { LocaleSwitch } from '../_components/locale-switch';
import { requestCtx } from '@/lib/server/core/context';
import { VISITOR } from '@/lib/server/portal/actors';
import { isTransparencyPublished } from '@/lib/server/reports/transparency';

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const t = await getTranslations('portal');
  const tApp = await getTranslations('app');
  const showsTransparency = await isTransparencyPublished(requestCtx(VISITOR));
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
        <p className="portal-footer-links">
          {showsTransparency && <Link href="/transparencia">{t('transparency.footerLink')}</Link>}
          <Link href="/respuestas">{t('answers.footerLink')}</Link>
          <Link href="/ingresar">{t('nav.staff')}</Link>
        </p>
      </footer>
    </div>
  );
}
