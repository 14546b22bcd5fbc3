import Link from 'next/link';
import { getFormatter, getTranslations } from '@/lib/i18n/server';
import type { PetitionerRecord } from '@/lib/server/petitioners/petitioner-record';

type Props = { record: PetitionerRecord };

const CaseLink = ({ radicado }: { radicado: string }) => (
  <Link href={`/casos/${radicado}`} className="mono">
    {radicado}
  </Link>
);

/** Result and experience side by side, never one score (the product's first idea). */
export async function RatingsCards({ record }: Props) {
  const t = await getTranslations('petitioners');
  return (
    <div className="split-2">
      <section className="card" aria-labelledby="petitioner-result">
        <h2 id="petitioner-result">{t('resultTitle')}</h2>
        <p className="small muted">{t('resultIntro')}</p>
        {record.results.length === 0 ? (
          <p className="muted">{t('resultEmpty')}</p>
        ) : (
          <ul className="plain-list" data-testid="petitioner-results">
            {record.results.map((r) => (
              <li key={r.caseId}>
                <CaseLink radicado={r.radicado} />:{' '}
                <strong>{t(`resultAnswers.${r.answer}`)}</strong>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card" aria-labelledby="petitioner-experience">
        <h2 id="petitioner-experience">{t('experienceTitle')}</h2>
        <p className="small muted">{t('experienceIntro')}</p>
        {record.experience.length === 0 ? (
          <p className="muted">{t('experienceEmpty')}</p>
        ) : (
          <ul className="plain-list">
            {record.experience.map((r, i) => (
              <li key={`${r.caseId}-${i}`}>
                <CaseLink radicado={r.radicado} />:{' '}
                {t('experienceScores', {
                  courtesy: r.courtesy ?? '—',
                  clarity: r.clarity ?? '—',
                  empathy: r.empathy ?? '—',
                })}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

export async function PromisesCard({ record }: Props) {
  const t = await getTranslations('petitioners');
  const format = await getFormatter();
  return (
    <section className="card" aria-labelledby="petitioner-promises">
      <h2 id="petitioner-promises">{t('promisesTitle')}</h2>
      {record.promises.length === 0 ? (
        <p className="muted">{t('promisesEmpty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="table labelled">
            <caption className="visually-hidden">{t('promisesTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('columns.promise')}</th>
                <th scope="col">{t('columns.case')}</th>
                <th scope="col">{t('columns.due')}</th>
                <th scope="col">{t('columns.status')}</th>
              </tr>
            </thead>
            <tbody>
              {record.promises.map((p) => (
                <tr key={p.id}>
                  <td data-label={t('columns.promise')}>{p.description}</td>
                  <td data-label={t('columns.case')}>
                    <CaseLink radicado={p.radicado} />
                  </td>
                  <td data-label={t('columns.due')}>{format.dateTime(p.dueAt, 'instant')}</td>
                  <td data-label={t('columns.status')}>
                    <span className={`badge promise-${p.status}`}>
                      {t(`promiseStatus.${p.status}`)}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export async function ContactsCard({ record }: Props) {
  const t = await getTranslations('petitioners');
  const format = await getFormatter();
  return (
    <section className="card" aria-labelledby="petitioner-contacts">
      <h2 id="petitioner-contacts">{t('contactsTitle')}</h2>
      {record.contacts.length === 0 ? (
        <p className="muted">{t('contactsEmpty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="table labelled">
            <caption className="visually-hidden">{t('contactsTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('columns.when')}</th>
                <th scope="col">{t('columns.kind')}</th>
                <th scope="col">{t('columns.direction')}</th>
                <th scope="col">{t('columns.case')}</th>
                <th scope="col">{t('columns.by')}</th>
              </tr>
            </thead>
            <tbody>
              {record.contacts.map((c) => (
                <tr key={c.id}>
                  <td data-label={t('columns.when')}>{format.dateTime(c.createdAt, 'instant')}</td>
                  <td data-label={t('columns.kind')}>{t(`kinds.${c.kind}`)}</td>
                  <td data-label={t('columns.direction')}>{t(`directions.${c.direction}`)}</td>
                  <td data-label={t('columns.case')}>
                    <CaseLink radicado={c.radicado} />
                  </td>
                  <td data-label={t('columns.by')}>{c.staffName ?? t('none')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

const FIELDS = [
  'fullName',
  'documentType',
  'documentNumber',
  'email',
  'phone',
  'address',
  'responseAddress',
] as const;

/** Every change to who they are or how to reach them: who, when, before → after, and why. */
export async function ChangesCard({ record }: Props) {
  const t = await getTranslations('petitioners');
  const format = await getFormatter();
  const show = (values: Record<string, unknown>) =>
    FIELDS.filter((f) => f in values)
      .map((f) => `${t(`fields.${f}`)}: ${values[f] === null ? t('none') : String(values[f])}`)
      .join(' · ') || t('none');
  return (
    <section className="card" aria-labelledby="petitioner-changes">
      <h2 id="petitioner-changes">{t('changesTitle')}</h2>
      {record.changes.length === 0 ? (
        <p className="muted">{t('changesEmpty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="table labelled" data-testid="petitioner-changes">
            <caption className="visually-hidden">{t('changesTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('columns.when')}</th>
                <th scope="col">{t('columns.change')}</th>
                <th scope="col">{t('columns.before')}</th>
                <th scope="col">{t('columns.after')}</th>
                <th scope="col">{t('columns.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {record.changes.map((c) => (
                <tr key={c.id}>
                  <td data-label={t('columns.when')}>
                    {format.dateTime(c.createdAt, 'instant')}
                    {c.actorName && <div className="small muted">{c.actorName}</div>}
                  </td>
                  <td data-label={t('columns.change')}>{t(`changeKinds.${c.action}`)}</td>
                  <td data-label={t('columns.before')}>{show(c.before)}</td>
                  <td data-label={t('columns.after')}>{show(c.after)}</td>
                  <td data-label={t('columns.reason')}>{c.reason ?? t('none')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
