import type { Metadata } from 'next';
import Link from 'next/link';
import { ClientMessages, CLIENT_NAMESPACES } from '@/app/_components/client-messages';
import { getFormatter, getTranslations } from '@/lib/i18n/server';
import { analogousCandidates, listPetitionGroups } from '@/lib/server/analogous/group-lists';
import { requireStaffPage } from '@/lib/server/auth/session';
import { requestCtx } from '@/lib/server/core/context';
import { isAppError } from '@/lib/server/core/errors';
import { GroupForm } from './group-forms';
import { calendarDate } from '@/lib/i18n/formats';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('analogous');
  return { title: t('title') };
}

/**
 * Analogous petitions (Ley 1755 art. 22): the groups so far, and grouping new ones from a search
 * of the open petitions on one matter.
 */
export default async function AnalogousPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const staff = await requireStaffPage('supervision', '/casos/analogas');
  const ctx = requestCtx(staff);
  const t = await getTranslations('analogous');
  const tTypes = await getTranslations('types');
  const tQueues = await getTranslations('queues');
  const format = await getFormatter();
  const day = (d: Date) => format.dateTime(d, 'day');
  const params = await searchParams;
  const q = typeof params.q === 'string' ? params.q.trim().slice(0, 200) : '';
  let candidates: Awaited<ReturnType<typeof analogousCandidates>> = [];
  if (q) {
    try {
      candidates = await analogousCandidates(ctx, { q });
    } catch (error) {
      if (!isAppError(error)) throw error;
    }
  }
  const groups = await listPetitionGroups(ctx);

  return (
    <ClientMessages namespaces={CLIENT_NAMESPACES.analogous}>
      <p>
        <Link href="/casos">← {tQueues('backToQueues')}</Link>
      </p>
      <h1>{t('title')}</h1>
      <p className="muted">{t('intro')}</p>

      <section className="card" aria-labelledby="find-title">
        <h2 id="find-title">{t('findTitle')}</h2>
        <p className="muted">{t('findHint')}</p>
        <form action="/casos/analogas" method="get" role="search" className="search-form">
          <div className="field">
            <label htmlFor="q">{t('findLabel')}</label>
            <input id="q" name="q" type="search" defaultValue={q} />
          </div>
          <button type="submit" className="button">
            {t('find')}
          </button>
        </form>
        {q && (
          <>
            <p role="status" data-testid="candidate-count">
              {t('candidates', { count: candidates.length, q })}
            </p>
            {candidates.length > 0 && (
              <GroupForm
                q={q}
                candidates={candidates.map((c) => ({
                  id: c.id,
                  radicado: c.radicado,
                  label: `${tTypes(c.typeCode)} · ${c.subject}${
                    c.dueDate ? ` · ${t('due', { date: calendarDate(format, c.dueDate) })}` : ''
                  }`,
                }))}
              />
            )}
          </>
        )}
      </section>

      <section className="card" aria-labelledby="groups-title">
        <h2 id="groups-title">{t('groups')}</h2>
        {groups.length === 0 ? (
          <p className="muted">{t('none')}</p>
        ) : (
          <div className="table-scroll">
            <table className="table labelled">
              <thead>
                <tr>
                  <th scope="col">{t('matter')}</th>
                  <th scope="col">{t('cases')}</th>
                  <th scope="col">{t('created')}</th>
                  <th scope="col">{t('status')}</th>
                </tr>
              </thead>
              <tbody>
                {groups.map((g) => (
                  <tr key={g.id}>
                    <td>
                      <Link href={`/casos/analogas/${g.id}`}>{g.matter}</Link>
                    </td>
                    <td data-label={t('cases')}>{g.count}</td>
                    <td data-label={t('created')} className="nowrap">
                      {day(g.createdAt)}
                    </td>
                    <td data-label={t('status')}>
                      {g.answeredAt ? t('answered', { date: day(g.answeredAt) }) : t('unanswered')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </ClientMessages>
  );
}
