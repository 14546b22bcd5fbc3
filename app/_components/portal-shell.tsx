import Link from 'next/link';
import { getTranslations } from '@/lib/i18n/server';
import type { ReactNode } from 'react';
import { LocaleSwitch } from './locale-switch';
import { requestCtx } from '@/lib/server/core/context';
import { getOrganization } from '@/lib/server/core/organization';
import { VISITOR } from '@/lib/server/portal/actors';
import { pageBrand } from '@/lib/server/portal/portal-brand';
import { isTransparencyPublished } from '@/lib/server/reports/transparency';

/**
 * The portal's frame: the entity's name, NIT and logo, the petitioner's two ways in, the language
 * switch and the footer. The portal's pages sit in it, and so does the 404 of an unknown address
 * (app/not-found.tsx), which is nearly always a petitioner's mistyped link.
 */
export async function PortalShell({ children }: { children: ReactNode }) {
  const t = await getTranslations('portal');
  const ctx = requestCtx(VISITOR);
  const showsTransparency = await isTransparencyPublished(ctx);
  const brand = pageBrand(await getOrganization(ctx.db));
  return (
    <div className="portal-shell">
      <header className="portal-header">
        <Link href="/" className="brand portal-brand">
          {brand.logoSrc && (
            // The logo is served by our own route, at its own size: next/image adds nothing here.
            // eslint-disable-next-line @next/next/no-img-element
            <img src={brand.logoSrc} alt="" className="brand-logo" height={32} />
          )}
          <span>{brand.name}</span>
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
        <p className="portal-footer-org">
          {brand.name}
          {brand.taxId && <> · {t('taxId', { taxId: brand.taxId })}</>}
        </p>
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
