import type { Metadata } from 'next';
import { getTranslations } from '@/lib/i18n/server';
import { DESCRIPTION_LIMITS, SUBJECT_LIMITS } from '@/lib/validation/case-filing';
import { listCaseTypes } from '@/lib/server/cases/list-case-types';
import { requestCtx } from '@/lib/server/core/context';
import { getOrganization } from '@/lib/server/core/organization';
import { VISITOR } from '@/lib/server/portal/actors';
import { ClientMessages, CLIENT_NAMESPACES } from '@/app/_components/client-messages';
import { FilingForm } from './filing-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('portal.file');
  return { title: t('title') };
}

export default async function FilePage() {
  const t = await getTranslations('portal.file');
  const ctx = requestCtx(VISITOR);
  const org = await getOrganization(ctx.db);
  const types = await listCaseTypes(ctx);
  return (
    <section className="card" aria-labelledby="file-title">
      <h1 id="file-title">{t('title')}</h1>
      <p className="muted">{t('intro')}</p>
      <ClientMessages namespaces={CLIENT_NAMESPACES.filing}>
        <FilingForm
          types={types}
          policyVersion={org.privacyPolicyVersion}
          policyText={org.privacyPolicyText}
          limits={{ subject: SUBJECT_LIMITS, description: DESCRIPTION_LIMITS }}
        />
      </ClientMessages>
    </section>
  );
}
