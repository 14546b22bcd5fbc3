import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from '@/lib/i18n/server';
import { requireStaffPage } from '@/lib/server/auth/session';
import { getProblem, LINKED_CASES_SHOWN } from '@/lib/server/causes/get-problem';
import { problemFormOptions } from '@/lib/server/causes/problem-options';
import { requestCtx, type Ctx } from '@/lib/server/core/context';
import { isAppError } from '@/lib/server/core/errors';
import { getOrganization } from '@/lib/server/core/organization';
import { readAnalyticsQuery } from '@/lib/server/supervision/filters';
import { DataTable } from '../../../_components/figures/figure';
import { LinkCaseForm, LinkCauseForm, StatusForm, UnlinkButton } from '../problem-actions';
import { ProblemEffectView } from '../problem-effect-view';
import { ProblemForm } from '../problem-form';
import { StatusBadge } from '../status-badge';
import '../../causes.css';

type Params = Promise<{ id: string }>;

async function load(ctx: Ctx, raw: string) {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  try {
    return await getProblem(ctx, { problemId: id });
  } catch (error) {
    if (isAppError(error) && error.code === 'NOT_FOUND') notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const t = await getTranslations('causes.problems');
  return { title: t('pageTitle', { id: (await params).id }) };
}

/** One problem: what it is, its effect, its status, and the cases linked to it. */
export default async function ProblemPage({ params }: { params: Params }) {
  const { id } = await params;
  const ctx = requestCtx(await requireStaffPage('supervision', `/causas/problemas/${id}`));
  const problem = await load(ctx, id);
  const { timeZone } = await getOrganization(ctx.db);
  const period = readAnalyticsQuery({}, timeZone, ctx.now);
  const t = await getTranslations('causes.problems');
  const tTypes = await getTranslations('types');
  const tStates = await getTranslations('states');
  const format = await getFormatter();
  const date = (d: Date) => format.dateTime(d, 'day');
  const causeLabel = [problem.processName, problem.rootCauseName].filter(Boolean).join(' › ');
  return (
    <>
      <p>
        <Link href="/causas/problemas">← {t('back')}</Link>
      </p>
      <section className="card" aria-labelledby="problem-title">
        <h1 id="problem-title">{problem.title}</h1>
        <p className="cause-name">
          <StatusBadge status={problem.status} label={t(`status.${problem.status}`)} />
          <span>{causeLabel || t('noProcess')}</span>
          <span className="muted">
            {t('columns.owner')}: {problem.ownerName ?? t('noOwner')}
          </span>
        </p>
        <p className="muted small">
          {t('createdBy', { date: date(problem.createdAt) })}
          {problem.resolvedAt ? ` · ${t('resolvedOn', { date: date(problem.resolvedAt) })}` : ''}
        </p>
        <div className="problem-grid">
          <div>
            <h2>{t('fields.description')}</h2>
            <p className="prewrap">{problem.description || t('noDescription')}</p>
          </div>
          <div>
            <h2>{t('fields.correctiveAction')}</h2>
            <p className="prewrap">{problem.correctiveAction || t('noCorrectiveAction')}</p>
          </div>
        </div>
        <StatusForm key={problem.status} problemId={problem.id} status={problem.status} />
      </section>
      <ProblemEffectView
        effect={problem.effect}
        scopeName={problem.rootCauseName ?? problem.processName}
      />
      <section className="card" aria-labelledby="link-title">
        <h2 id="link-title">{t('link.title')}</h2>
        <div className="problem-section">
          <LinkCaseForm problemId={problem.id} />
        </div>
        <div className="problem-section">
          <h3>{t('link.bulkTitle')}</h3>
          {problem.processId === null ? (
            <p className="muted">{t('link.bulkNeedsCause')}</p>
          ) : (
            <>
              <p className="muted">
                {problem.rootCauseName
                  ? t('link.bulkScopeCause', { name: problem.rootCauseName })
                  : t('link.bulkScopeProcess', { name: problem.processName ?? '' })}
              </p>
              <LinkCauseForm problemId={problem.id} from={period.from} to={period.to} />
            </>
          )}
        </div>
      </section>
      <section className="card" aria-labelledby="linked-title">
        <h2 id="linked-title">{t('linked.title')}</h2>
        <p data-testid="linked-count">{t('linked.count', { count: problem.linkedCases })}</p>
        {problem.linkedCases > LINKED_CASES_SHOWN ? (
          <p className="muted">{t('linked.shownFirst', { count: LINKED_CASES_SHOWN })}</p>
        ) : null}
        {problem.linked.length === 0 ? (
          <p className="muted">{t('linked.empty')}</p>
        ) : (
          <div className="problem-linked">
            <DataTable
              caption={t('linked.title')}
              columns={[
                { key: 'radicado', label: t('linked.radicado') },
                { key: 'type', label: t('linked.type') },
                { key: 'subject', label: t('linked.subject') },
                { key: 'state', label: t('linked.state') },
                { key: 'received', label: t('linked.received') },
                { key: 'action', label: t('linked.action') },
              ]}
              rows={problem.linked.map((c) => [
                <Link key="r" href={`/casos/${c.radicado}`} className="mono nowrap">
                  {c.radicado}
                </Link>,
                tTypes(c.typeCode),
                c.subject,
                tStates(c.state),
                date(c.receivedAt),
                <UnlinkButton key="u" problemId={problem.id} caseId={c.id} radicado={c.radicado} />,
              ])}
            />
          </div>
        )}
      </section>
      <section className="card problem-edit" aria-labelledby="edit-title">
        <h2 id="edit-title">{t('edit')}</h2>
        <ProblemForm
          problemId={problem.id}
          options={await problemFormOptions(ctx)}
          initial={{
            title: problem.title,
            description: problem.description,
            processId: problem.processId ? String(problem.processId) : '',
            rootCauseId: problem.rootCauseId ? String(problem.rootCauseId) : '',
            ownerId: problem.ownerId ? String(problem.ownerId) : '',
            correctiveAction: problem.correctiveAction,
          }}
        />
      </section>
    </>
  );
}
