import Link from 'next/link';
import { getTranslations } from '@/lib/i18n/server';
import type { StaffCasePage } from '@/lib/server/cases/staff-case';
import { IdentityForm } from './identity-form';
import { completeCaseIdentity } from './petitioner-actions';

/** The petitioner: identity, contact, repeat contacts and their other cases. */
export async function CustomerCard({ page }: { page: StaffCasePage }) {
  const staffData = page.view.staff!;
  const t = await getTranslations('staffCase');
  const tTypes = await getTranslations('types');
  const tStates = await getTranslations('states');
  const tRecord = await getTranslations('petitioners');
  return (
    <section className="card" aria-labelledby="customer-title">
      <h2 id="customer-title">{t('customerTitle')}</h2>
      {staffData.customer ? (
        <dl className="facts single">
          <div>
            <dt>{staffData.customer.name}</dt>
            <dd>
              {t('document')}: {staffData.customer.documentType} {staffData.customer.documentNumber}
            </dd>
          </div>
          {staffData.customer.email && (
            <div>
              <dt>{t('email')}</dt>
              <dd>{staffData.customer.email}</dd>
            </div>
          )}
          {staffData.customer.phone && (
            <div>
              <dt>{t('phone')}</dt>
              <dd>{staffData.customer.phone}</dd>
            </div>
          )}
          {page.customerId !== null && (
            <div>
              <dd>
                <Link href={`/peticionarios/${page.customerId}`}>{tRecord('openRecord')}</Link>
              </dd>
            </div>
          )}
        </dl>
      ) : staffData.isAnonymous ? (
        <p>{t('anonymous')}</p>
      ) : (
        <>
          <p data-testid="identity-pending">
            {t('identityPending')}
            {staffData.responseAddress
              ? ` · ${t('answersTo', { address: staffData.responseAddress })}`
              : null}
          </p>
          <IdentityForm
            submit={completeCaseIdentity.bind(null, page.view.id, staffData.version)}
            email={staffData.responseAddress?.includes('@') ? staffData.responseAddress : null}
          />
        </>
      )}
      <p className="small" data-testid="repeat-contacts">
        {t('repeatContacts', { count: staffData.repeatContactCount })}
        {staffData.reopenCount > 0 && ` · ${t('reopened', { count: staffData.reopenCount })}`}
      </p>
      <h3>{t('otherCases')}</h3>
      {page.otherCases.length === 0 ? (
        <p className="muted small">{t('noOtherCases')}</p>
      ) : (
        <ul className="plain-list">
          {page.otherCases.map((c) => (
            <li key={c.id}>
              <Link href={`/casos/${c.radicado}`} className="mono">
                {c.radicado}
              </Link>{' '}
              · {tTypes(c.typeCode)} · {tStates(c.state)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
