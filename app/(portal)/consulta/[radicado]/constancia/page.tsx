import type { Metadata } from 'next';
import Link from 'next/link';
import { cookies } from 'next/headers';
import { getFormatter, getTranslations } from 'next-intl/server';
import { getCaseWithTimeline } from '@/lib/server/get-case';
import { ACCESS_CODE_COOKIE } from '@/lib/server/portal-cookies';
import { requireCaseAccess } from '@/lib/server/portal-session';
import { getOrganization } from '@/lib/server/organization';
import { getDb } from '@/db/client';
import { PrintButton } from '../../../../_components/print-button';

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
  const view = getCaseWithTimeline(access.caseId, access.actor);
  const org = getOrganization(getDb());
  const accessCode = (await cookies()).get(ACCESS_CODE_COOKIE)?.value ?? null;
  const t = await getTranslations('portal.constancia');
  const tTypes = await getTranslations('types');
  const tChannels = await getTranslations('channels');
  const format = await getFormatter();
  const receivedAt = format.dateTime(view.receivedAt, {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: org.timeZone,
  });
  const dueDate = view.dueDate
    ? format.dateTime(new Date(`${view.dueDate}T12:00:00Z`), { dateStyle: 'full', timeZone: 'UTC' })
    : t('noTerm');
  return (
    <article className="card constancia" aria-labelledby="constancia-title">
      <p className="muted print-only">{org.name}</p>
      <h1 id="constancia-title">{t('title')}</h1>
      <p>{t('lead')}</p>
      <p className="radicado-big mono" data-testid="radicado">
        {view.radicado}
      </p>
      <dl className="facts">
        <div>
          <dt>{t('receivedAt')}</dt>
          <dd>{receivedAt}</dd>
        </div>
        <div>
          <dt>{t('type')}</dt>
          <dd>{tTypes(view.typeCode)}</dd>
        </div>
        <div>
          <dt>{t('channel')}</dt>
          <dd>{tChannels(view.channel)}</dd>
        </div>
        <div>
          <dt>{t('dueDate')}</dt>
          <dd data-testid="due-date">{dueDate}</dd>
        </div>
        {accessCode && (
          <div>
            <dt>{t('accessCode')}</dt>
            <dd className="mono access-code" data-testid="access-code">
              {accessCode}
            </dd>
          </div>
        )}
      </dl>
      {accessCode && <p className="alert alert-info">{t('accessCodeHint')}</p>}
      <p>{t('howToCheck', { anonymous: String(accessCode !== null) })}</p>
      <div className="button-row no-print">
        <PrintButton label={t('print')} />
        <Link href={`/consulta/${view.radicado}`} className="button button-primary">
          {t('viewCase')}
        </Link>
      </div>
    </article>
  );
}
