import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from '@/lib/i18n/server';
import { Suspense } from 'react';
import { requireStaffPage } from '@/lib/server/auth/session';
import { bulkActionsFor } from '@/lib/server/cases/bulk-cases';
import { linkableProblems } from '@/lib/server/causes/problem-options';
import { hasRole } from '@/lib/server/core/guard';
import { queueFilterOptions } from '@/lib/server/cases/queue-options';
import { caseListJson, listCases } from '@/lib/server/cases/list-cases';
import { parseCaseQuery } from '@/lib/validation/case-query';
import { myAvailability } from '@/lib/server/routing/set-availability';
import { env } from '@/lib/env';
import { teamAvailability } from '@/lib/server/routing/team-availability';
import { AvailabilitySwitch } from './availability-switch';
import { TeamAvailabilityCard } from './team-availability-card';
import { QueueView } from './queue-view';
import { requestCtx } from '@/lib/server/core/context';
import { ClientMessages, CLIENT_NAMESPACES } from '@/app/_components/client-messages';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('cases');
  return { title: t('title') };
}

type SearchParams = Record<string, string | string[] | undefined>;

/** The URL's params in their order, as the browser's `useSearchParams()` reads them. */
function toSearchParams(params: SearchParams): URLSearchParams {
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) {
      out.append(key, v);
    }
  }
  return out;
}

export default async function CasesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const staff = await requireStaffPage('staff', '/casos');
  const t = await getTranslations('cases');
  const tQueues = await getTranslations('queues');
  const tRoles = await getTranslations('roles');
  const role = tRoles(staff.role);
  const ctx = requestCtx(staff);
  // The first page of the view in the URL, rendered with the page (issue 15 §4): the browser
  // paints rows at once and asks /api/casos only when the view changes or goes stale.
  const params = toSearchParams(await searchParams);
  const first = {
    qs: params.toString(),
    list: caseListJson(await listCases(ctx, parseCaseQuery(params))),
    at: ctx.now.getTime(),
  };
  const problems = hasRole(staff, 'supervision')
    ? (await linkableProblems(ctx)).map((p) => ({ id: p.id, name: p.title }))
    : [];
  return (
    <ClientMessages namespaces={CLIENT_NAMESPACES.queue}>
      <section className="page-head with-actions">
        <div>
          <h1>{t('welcome', { name: staff.name })}</h1>
          <p className="muted" data-testid="staff-role">
            {staff.teamName
              ? t('roleAndTeam', { role, team: staff.teamName })
              : t('roleOnly', { role })}
          </p>
          {staff.role === 'agent' && (
            <AvailabilitySwitch isAvailable={await myAvailability(requestCtx(staff))} />
          )}
        </div>
        <div className="actions-row">
          {hasRole(staff, 'supervision') && (
            <Link href="/casos/analogas" className="button">
              {tQueues('analogous')}
            </Link>
          )}
          <Link href="/casos/radicar" className="button button-primary">
            {tQueues('newVerbal')}
          </Link>
        </div>
      </section>
      <form action="/casos/buscar" method="get" role="search" className="search-form card">
        <div className="field">
          <label htmlFor="q">{tQueues('searchLabel')}</label>
          <input id="q" name="q" type="search" />
        </div>
        <button type="submit" className="button">
          {tQueues('search')}
        </button>
      </form>
      {staff.role === 'supervisor' && (
        <TeamAvailabilityCard
          members={await teamAvailability(requestCtx(staff))}
          awayHours={env().AWAY_RETURN_HOURS}
        />
      )}
      <Suspense fallback={<p className="muted">{tQueues('loading')}</p>}>
        <QueueView
          first={first}
          {...await queueFilterOptions(ctx)}
          bulk={{ actions: bulkActionsFor(staff), problems }}
        />
      </Suspense>
    </ClientMessages>
  );
}
