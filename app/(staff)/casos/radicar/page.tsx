import type { Metadata } from 'next';
import { getTranslations } from '@/lib/i18n/server';
import { requestCtx } from '@/lib/server/core/context';
import { requireStaffPage } from '@/lib/server/auth/session';
import { listCaseTypes } from '@/lib/server/cases/list-case-types';
import { IntakeForm } from './intake-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('intake');
  return { title: t('title') };
}

export default async function VerbalIntakePage() {
  const staff = await requireStaffPage('staff', '/casos/radicar');
  const types = await listCaseTypes(requestCtx(staff));
  const t = await getTranslations('intake');
  return (
    <section className="card" aria-labelledby="intake-title">
      <h1 id="intake-title">{t('title')}</h1>
      <p className="muted">{t('intro')}</p>
      <IntakeForm types={types} />
    </section>
  );
}
