import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import { forbidden, notFound } from 'next/navigation';
import { getTranslations } from '@/lib/i18n/server';
import { requireStaffPage } from '@/lib/server/auth/session';
import { getCaseWithTimeline } from '@/lib/server/cases/get-case';
import { getOrganization } from '@/lib/server/core/organization';
import { pageBrand } from '@/lib/server/portal/portal-brand';
import { ACCESS_CODE_COOKIE } from '@/lib/server/portal/portal-cookies';
import { requestCtx } from '@/lib/server/core/context';
import { isAppError } from '@/lib/server/core/errors';
import { Constancia } from '../../../../_components/constancia';
import { ClientMessages, CLIENT_NAMESPACES } from '@/app/_components/client-messages';
import { verbalRecord } from '@/lib/server/cases/verbal-record';
import { sendConstanciaByMail } from './actions';
import { SendConstanciaForm } from './send-constancia-form';
import { VerbalRecordCard } from './verbal-record-card';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('intake');
  return { title: t('constanciaTitle') };
}

/** The constancia an agent prints or reads out after a verbal filing. */
export default async function StaffConstanciaPage({
  params,
}: {
  params: Promise<{ radicado: string }>;
}) {
  const { radicado } = await params;
  const staff = await requireStaffPage('staff', `/casos/${radicado}/constancia`);
  const ctx = requestCtx(staff);
  const view = await getCaseWithTimeline(ctx, { radicado }).catch((error: unknown) => {
    if (isAppError(error) && error.code === 'NOT_FOUND') notFound();
    forbidden();
  });
  const org = await getOrganization(ctx.db);
  const t = await getTranslations('intake');
  const tChannels = await getTranslations('channels');
  const verbal = await verbalRecord(ctx, { caseId: view.id });
  return (
    <>
      <Constancia
        view={view}
        brand={pageBrand(org)}
        timeZone={org.timeZone}
        accessCode={(await cookies()).get(ACCESS_CODE_COOKIE)?.value ?? null}
        caseHref={`/casos/${view.radicado}`}
        lead={t('constanciaLead')}
        caseLinkLabel={t('openCase')}
      />
      {verbal && <VerbalRecordCard record={verbal} channel={tChannels(view.channel)} />}
      <ClientMessages namespaces={CLIENT_NAMESPACES.sendConstancia}>
        <SendConstanciaForm
          send={sendConstanciaByMail.bind(null, view.id)}
          defaultTo={view.staff?.customer?.email ?? ''}
        />
      </ClientMessages>
    </>
  );
}
