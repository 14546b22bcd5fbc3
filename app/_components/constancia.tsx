import Link from 'next/link';
import { getFormatter, getTranslations } from '@/lib/i18n/server';
import type { CaseView } from '@/lib/server/cases/get-case';
import type { PageBrand } from '@/lib/server/portal/portal-brand';
import { PrintButton } from './print-button';
import { calendarDate } from '@/lib/i18n/formats';

/** The constancia de radicación (DOMAIN.md §2), the same for the portal and for verbal intake. */
export async function Constancia({
  view,
  brand,
  timeZone,
  accessCode,
  caseHref,
  lead,
  caseLinkLabel,
}: {
  view: CaseView;
  brand: PageBrand;
  timeZone: string;
  accessCode: string | null;
  caseHref: string;
  lead?: string;
  caseLinkLabel?: string;
}) {
  const t = await getTranslations('portal.constancia');
  const tTypes = await getTranslations('types');
  const tChannels = await getTranslations('channels');
  const format = await getFormatter();
  const receivedAt = format.dateTime(view.receivedAt, 'instantLong', { timeZone });
  const dueDate = view.dueDate ? calendarDate(format, view.dueDate, 'dayLong') : t('noTerm');
  return (
    <article className="card constancia" aria-labelledby="constancia-title">
      <header className="letterhead">
        {brand.logoSrc && (
          // eslint-disable-next-line @next/next/no-img-element
          <img src={brand.logoSrc} alt="" className="brand-logo" height={40} />
        )}
        <div>
          <p className="letterhead-name">{brand.name}</p>
          {brand.taxId && <p className="muted small">{t('taxId', { taxId: brand.taxId })}</p>}
        </div>
      </header>
      <h1 id="constancia-title">{t('title')}</h1>
      <p>{lead ?? t('lead')}</p>
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
        <Link href={caseHref} className="button button-primary">
          {caseLinkLabel ?? t('viewCase')}
        </Link>
      </div>
    </article>
  );
}
