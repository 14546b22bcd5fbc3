import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import { getTranslations } from '@/lib/i18n/server';
import { getCaseWithTimeline } from '@/lib/server/cases/get-case';
import { requestCtx } from '@/lib/server/core/context';
import { getOrganization } from '@/lib/server/core/organization';
import { pageBrand } from '@/lib/server/portal/portal-brand';
import { ACCESS_CODE_COOKIE } from '@/lib/server/portal/portal-cookies';
import { requireCaseAccess } from '@/lib/server/portal/portal-session';
import { Constancia } from '../../../../_components/constancia';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('portal.constancia');
  return { title: t('title') };
}

export default async function ConstanciaPage({
  params,
}: {
  params: Promise<{ radicado: string }>;
}) {
  const access = await requireCaseAccess((await params).radicado);
  const ctx = requestCtx(access.actor);
  const view = await getCaseWithTimeline(ctx, { caseId: access.caseId });
  const org = await getOrganization(ctx.db);
  return (
    <Constancia
      view={view}
      brand={pageBrand(org)}
      timeZone={org.timeZone}
      accessCode={(await cookies()).get(ACCESS_CODE_COOKIE)?.value ?? null}
      caseHref={`/consulta/${view.radicado}`}
    />
  );
}
