import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getTranslations } from '@/lib/i18n/server';
import { requireStaffPage } from '@/lib/server/auth/session';
import { requestCtx } from '@/lib/server/core/context';
import { findCustomers, getCustomerRecord } from '@/lib/server/admin/personal-data';
import { isAppError } from '@/lib/server/core/errors';
import { anonymise } from './actions';
import { AnonymiseForm } from './anonymise-form';
import '../records.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('adminRecords.personal');
  return { title: t('title') };
}

type Params = Record<string, string | string[] | undefined>;

/** Habeas data: find a customer, see their cases, export everything as JSON, anonymise on request. */
export default async function PersonalDataPage({
  searchParams,
}: {
  searchParams: Promise<Params>;
}) {
  const ctx = requestCtx(await requireStaffPage('admin', '/admin/datos-personales'));
  const t = await getTranslations('adminRecords.personal');
  const tTypes = await getTranslations('types');
  const tStates = await getTranslations('states');
  const params = await searchParams;
  const q = typeof params.q === 'string' ? params.q.trim() : '';
  const id = typeof params.id === 'string' ? params.id : '';
  const format = await getFormatter();
  const day = { format: (d: Date) => format.dateTime(d, 'day') };

  let found: Awaited<ReturnType<typeof findCustomers>> | null = null;
  if (q && !id) {
    try {
      found = await findCustomers(ctx, { q });
    } catch (error) {
      if (!isAppError(error)) throw error;
    }
  }
  let record: Awaited<ReturnType<typeof getCustomerRecord>> | null = null;
  if (id) {
    try {
      record = await getCustomerRecord(ctx, { customerId: id });
    } catch (error) {
      if (!isAppError(error)) throw error;
    }
  }

  return (
    <div className="records-page">
      <h1>{t('title')}</h1>
      <p className="muted">{t('intro')}</p>
      <form
        method="get"
        action="/admin/datos-personales"
        role="search"
        className="search-form card"
      >
        <div className="field">
          <label htmlFor="q">{t('searchLabel')}</label>
          <input id="q" name="q" type="search" defaultValue={q} minLength={2} />
        </div>
        <button type="submit" className="button button-primary">
          {t('search')}
        </button>
      </form>

      {found && (
        <section className="card" aria-labelledby="found-title">
          <h2 id="found-title">{t('results')}</h2>
          {found.customers.length === 0 ? (
            <p className="muted">{t('none', { q })}</p>
          ) : (
            <div className="table-scroll">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{t('name')}</th>
                    <th scope="col">{t('document')}</th>
                    <th scope="col">{t('email')}</th>
                    <th scope="col">{t('cases')}</th>
                  </tr>
                </thead>
                <tbody>
                  {found.customers.map((c) => (
                    <tr key={c.id}>
                      <td>
                        <Link href={`/admin/datos-personales?id=${c.id}`}>{c.fullName}</Link>
                        {c.anonymizedAt && <span className="badge">{t('anonymised')}</span>}
                      </td>
                      <td className="mono nowrap">
                        {c.documentType} {c.documentNumber}
                      </td>
                      <td>{c.email ?? '—'}</td>
                      <td>{t('caseCount', { cases: c.caseCount })}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      )}

      {record && (
        <section className="card" aria-labelledby="subject-title">
          <p>
            <Link href="/admin/datos-personales">← {t('back')}</Link>
          </p>
          <h2 id="subject-title">{record.customer.fullName}</h2>
          <dl className="hash-pair">
            <dt>{t('document')}</dt>
            <dd className="mono">
              {record.customer.documentType} {record.customer.documentNumber}
            </dd>
            <dt>{t('email')}</dt>
            <dd>{record.customer.email ?? '—'}</dd>
          </dl>
          {record.customer.anonymizedAt && (
            <p className="alert alert-info">
              {t('anonymisedOn', { date: day.format(record.customer.anonymizedAt) })}
            </p>
          )}
          <h3>{t('caseList')}</h3>
          {record.cases.length === 0 ? (
            <p className="muted">{t('noCases')}</p>
          ) : (
            <div className="table-scroll">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{t('cases')}</th>
                    <th scope="col">{t('type')}</th>
                    <th scope="col">{t('state')}</th>
                    <th scope="col">{t('subject')}</th>
                    <th scope="col">{t('received')}</th>
                  </tr>
                </thead>
                <tbody>
                  {record.cases.map((c) => (
                    <tr key={c.id}>
                      <td className="nowrap">
                        <Link href={`/casos/${c.radicado}`} className="mono">
                          {c.radicado}
                        </Link>
                      </td>
                      <td>{tTypes(c.typeCode)}</td>
                      <td>{tStates(c.state)}</td>
                      <td>{c.subject}</td>
                      <td className="nowrap">{day.format(c.receivedAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <div className="records-actions">
            <form method="post" action={`/api/admin/datos-personales/${record.customer.id}`}>
              <h3>{t('export')}</h3>
              <p className="muted">{t('exportHint')}</p>
              <button type="submit" className="button">
                {t('export')}
              </button>
            </form>
            <AnonymiseForm
              key={record.customer.id}
              customerId={record.customer.id}
              anonymised={record.customer.anonymizedAt !== null}
              run={anonymise}
            />
          </div>
        </section>
      )}
    </div>
  );
}
