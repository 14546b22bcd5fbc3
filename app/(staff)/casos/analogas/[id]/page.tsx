import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ClientMessages, CLIENT_NAMESPACES } from '@/app/_components/client-messages';
import { DECISIONS } from '@/lib/domain/enums';
import { getFormatter, getTranslations } from '@/lib/i18n/server';
import { getPetitionGroup } from '@/lib/server/analogous/petition-groups';
import { requireStaffPage } from '@/lib/server/auth/session';
import { requestCtx } from '@/lib/server/core/context';
import { isAppError } from '@/lib/server/core/errors';
import { AnswerGroupForm } from '../group-forms';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('analogous');
  return { title: t('title') };
}

const OPEN = ['radicada', 'en_tramite', 'requiere_informacion'];

/** One group of analogous petitions: its cases, its one answer, and each case's delivery. */
export default async function PetitionGroupPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const staff = await requireStaffPage('supervision', `/casos/analogas/${id}`);
  let group: Awaited<ReturnType<typeof getPetitionGroup>>;
  try {
    group = await getPetitionGroup(requestCtx(staff), { groupId: id });
  } catch (error) {
    if (isAppError(error) && ['NOT_FOUND', 'VALIDATION'].includes(error.code)) notFound();
    throw error;
  }
  const t = await getTranslations('analogous');
  const tStates = await getTranslations('states');
  const tDecisions = await getTranslations('staffCase.options.decision');
  const format = await getFormatter();
  const when = (d: Date) => format.dateTime(d, 'instant');
  const isAnswered = group.answerBody !== null;
  const hasPending = group.members.some((m) => OPEN.includes(m.state));

  return (
    <ClientMessages namespaces={CLIENT_NAMESPACES.analogous}>
      <p>
        <Link href="/casos/analogas">{t('back')}</Link>
      </p>
      <h1>{t('groupTitle', { matter: group.matter })}</h1>
      <p className="muted">{t('members', { count: group.members.length })}</p>

      <section className="card" aria-labelledby="answer-title">
        <h2 id="answer-title">{t('answerTitle')}</h2>
        {isAnswered ? (
          <>
            <p className="muted">
              {t('answered', { date: when(group.answeredAt!) })} · {tDecisions(group.decision!)}
            </p>
            <blockquote className="prewrap quoted-answer" data-testid="group-answer">
              {group.answerBody}
            </blockquote>
            <p>
              {t.rich('publishedAt', {
                url: () => <a href={group.publicUrl}>{group.publicUrl}</a>,
              })}
            </p>
            {hasPending && <AnswerGroupForm groupId={group.id} decisions={[]} isRetry />}
          </>
        ) : (
          <>
            <p className="muted">{t('answerHint')}</p>
            <AnswerGroupForm
              groupId={group.id}
              isRetry={false}
              decisions={DECISIONS.map((d) => ({ id: d, name: tDecisions(d) }))}
            />
          </>
        )}
      </section>

      <section className="card" aria-labelledby="members-title">
        <h2 id="members-title">{t('cases')}</h2>
        <div className="table-scroll">
          <table className="table labelled" data-testid="group-members">
            <thead>
              <tr>
                <th scope="col">{t('cases')}</th>
                <th scope="col">{t('status')}</th>
                <th scope="col">{t('delivery')}</th>
              </tr>
            </thead>
            <tbody>
              {group.members.map((m) => (
                <tr key={m.id}>
                  <td>
                    <a href={`/casos/${m.radicado}`} className="mono">
                      {m.radicado}
                    </a>
                    <div className="muted small">{m.subject}</div>
                  </td>
                  <td data-label={t('status')}>{tStates(m.state)}</td>
                  <td data-label={t('delivery')}>
                    {m.deliveredAt
                      ? t('deliveredAt', { date: when(m.deliveredAt) })
                      : t('notDelivered')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </ClientMessages>
  );
}
