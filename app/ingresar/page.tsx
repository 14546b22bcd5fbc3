import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getTranslations } from '@/lib/i18n/server';
import { currentStaff } from '@/lib/server/auth/session';
import { LocaleSwitch } from '../_components/locale-switch';
import { ClientMessages, CLIENT_NAMESPACES } from '../_components/client-messages';
import { SignInForm } from './sign-in-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('signIn');
  return { title: t('title') };
}

/** Only same-site paths may be returned to after sign-in (no open redirects). */
function safeReturnPath(value: string | string[] | undefined): string {
  const path = typeof value === 'string' ? value : '';
  return path.startsWith('/') && !path.startsWith('//') ? path : '/casos';
}

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const returnTo = safeReturnPath(params.callbackUrl);
  if (await currentStaff()) redirect(returnTo);
  const t = await getTranslations('signIn');
  const tApp = await getTranslations('app');
  const initialError = typeof params.error === 'string' ? params.error : null;
  return (
    <div className="auth-shell">
      <header className="auth-header">
        <Link href="/" className="brand">
          {tApp('name')}
        </Link>
        <LocaleSwitch />
      </header>
      <main id="contenido" className="auth-card">
        <h1>{t('title')}</h1>
        <p className="muted">{t('intro')}</p>
        <ClientMessages namespaces={CLIENT_NAMESPACES.signIn}>
          <SignInForm returnTo={returnTo} initialError={initialError} />
        </ClientMessages>
        <p className="muted small">{t('citizenHint')}</p>
      </main>
    </div>
  );
}
