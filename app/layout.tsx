import type { Metadata, Viewport } from 'next';
import { getLocale } from 'next-intl/server';
import { getTranslations } from '@/lib/i18n/server';
import type { ReactNode } from 'react';
import { ClientMessages, CLIENT_NAMESPACES } from './_components/client-messages';
import { Providers } from './_components/providers';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('app');
  return {
    title: { default: t('name'), template: `%s · ${t('name')}` },
    description: t('tagline'),
  };
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  const t = await getTranslations('app');
  return (
    <html lang={locale === 'es' ? 'es-CO' : 'en'}>
      <body>
        <a className="skip-link" href="#contenido">
          {t('skipToContent')}
        </a>
        <ClientMessages namespaces={CLIENT_NAMESPACES.core}>
          <Providers>{children}</Providers>
        </ClientMessages>
      </body>
    </html>
  );
}
