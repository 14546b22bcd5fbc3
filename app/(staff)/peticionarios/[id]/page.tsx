import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from '@/lib/i18n/server';
import { requireStaffPage } from '@/lib/server/auth/session';
import { requestCtx } from '@/lib/server/core/context';
import { isAppError } from '@/lib/server/core/errors';
import { petitionerRecord } from '@/lib/server/petitioners/petitioner-record';
import { correctPetitioner } from './actions';
import { ContactForm } from './contact-form';
import { ChangesCard, ContactsCard, PromisesCard, RatingsCards } from './record-sections';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('petitioners');
  return { title: t('title') };
}

async function load(id: string) {
  const customerId = Number(id);
  if (!Number.isSafeInteger(customerId) || customerId <= 0) notFound();
  const staff = await requireStaffPage('staff', `/peticionarios/${id}`);
  try {
    return await petitionerRecord(requestCtx(staff), { customerId });
  } catch (error) {
    if (isAppError(error) && (error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN')) {
      notFound();
    }
    throw error;
  }
}

/**
 * One petitioner across every channel (issue 14 §5): who they are and how to reach them (with the
 * correction form), their cases, what they said of the result apart from how the service felt,
 * the promises made to them, the contacts, and every change to their data.
 */
export default async function PetitionerPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const record = await load(id);
  const { person } = record;
  const t = await getTranslations('petitioners');
  const tTypes = await getTranslations('types');
  const tStates = await getTranslations('states');
  const tChannels = await getTranslations('channels');
  const format = await getFormatter();
  const day = (d: Date) => format.dateTime(d, 'day');
  return (
    <>
      <p>
        <Link href="/casos">← {t('casesTitle')}</Link>
      </p>
      <section className="card" aria-labelledby="petitioner-title">
        <p className="muted">{t('title')}</p>
        <h1 id="petitioner-title">{person.fullName}</h1>
        <p className="muted small">
          {t('document')}: {person.documentType} {person.documentNumber} ·{' '}
          {t('since', { date: day(person.createdAt) })}
          {person.anonymizedAt && <span className="badge"> {t('anonymised')}</span>}
        </p>
        <h2>{t('contactTitle')}</h2>
        <dl className="facts" data-testid="petitioner-contact">
          <div>
            <dt>{t('email')}</dt>
            <dd>{person.email ?? t('none')}</dd>
          </div>
          <div>
            <dt>{t('phone')}</dt>
            <dd>{person.phone ?? t('none')}</dd>
          </div>
          <div>
            <dt>{t('address')}</dt>
            <dd>{person.address ?? t('none')}</dd>
          </div>
        </dl>
        {!person.anonymizedAt && (
          <ContactForm submit={correctPetitioner.bind(null, person.id)} current={person} />
        )}
      </section>

      <section className="card" aria-labelledby="petitioner-cases">
        <h2 id="petitioner-cases">{t('casesTitle')}</h2>
        <p className="small muted">{t('repeatContacts', { count: record.repeatContacts })}</p>
        {record.cases.length === 0 ? (
          <p className="muted">{t('casesEmpty')}</p>
        ) : (
          <div className="table-scroll">
            <table className="table labelled" data-testid="petitioner-cases">
              <caption className="visually-hidden">{t('casesTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('columns.radicado')}</th>
                  <th scope="col">{t('columns.type')}</th>
                  <th scope="col">{t('columns.channel')}</th>
                  <th scope="col">{t('columns.state')}</th>
                  <th scope="col">{t('columns.received')}</th>
                  <th scope="col">{t('columns.onTime')}</th>
                  <th scope="col">{t('columns.repeats')}</th>
                </tr>
              </thead>
              <tbody>
                {record.cases.map((c) => (
                  <tr key={c.id}>
                    <td data-label={t('columns.radicado')}>
                      <Link href={`/casos/${c.radicado}`} className="mono">
                        {c.radicado}
                      </Link>
                    </td>
                    <td data-label={t('columns.type')}>{tTypes(c.typeCode)}</td>
                    <td data-label={t('columns.channel')}>{tChannels(c.channel)}</td>
                    <td data-label={t('columns.state')}>{tStates(c.state)}</td>
                    <td data-label={t('columns.received')}>{day(c.receivedAt)}</td>
                    <td data-label={t('columns.onTime')}>
                      {t(
                        `onTime.${c.answeredOnTime === null ? 'pending' : c.answeredOnTime ? 'yes' : 'no'}`,
                      )}
                    </td>
                    <td data-label={t('columns.repeats')}>{c.repeatContactCount}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {record.otherCasesCount > 0 && (
          <p className="small muted">{t('otherCases', { count: record.otherCasesCount })}</p>
        )}
      </section>

      <RatingsCards record={record} />
      <PromisesCard record={record} />
      <ContactsCard record={record} />
      <ChangesCard record={record} />
    </>
  );
}
