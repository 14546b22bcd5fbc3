import type { Metadata } from 'next';
import { getTranslations } from '@/lib/i18n/server';
import { ClientMessages, CLIENT_NAMESPACES } from '@/app/_components/client-messages';
import { LookupForm } from './lookup-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('portal.lookup');
  return { title: t('title') };
}

export default async function LookupPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const t = await getTranslations('portal.lookup');
  const { error } = await searchParams;
  const notice =
    error === 'link' ? t('linkInvalid') : error === 'session' ? t('sessionEnded') : null;
  return (
    <section className="card narrow" aria-labelledby="lookup-title">
      <h1 id="lookup-title">{t('title')}</h1>
      <p className="muted">{t('intro')}</p>
      {notice && (
        <p role="status" className="alert alert-info">
          {notice}
        </p>
      )}
      <ClientMessages namespaces={CLIENT_NAMESPACES.lookup}>
        <LookupForm />
      </ClientMessages>
    </section>
  );
}
