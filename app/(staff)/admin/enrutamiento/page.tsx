import { getFormatter, getTranslations } from '@/lib/i18n/server';
import { requireStaffPage } from '@/lib/server/auth/session';
import { requestCtx } from '@/lib/server/core/context';
import { getOrganization } from '@/lib/server/core/organization';
import { routingOverview } from '@/lib/server/routing/routing-overview';
import { RulesEditor } from './rules-editor';
import { TeamAssignment } from './team-assignment';
import './routing.css';

export async function generateMetadata() {
  const t = await getTranslations('routing');
  return { title: t('title') };
}

/** Routing rules (a new version on each save) and each team's assignment mode. Admins only. */
export default async function RoutingPage() {
  const ctx = requestCtx(await requireStaffPage('admin', '/admin/enrutamiento'));
  const t = await getTranslations('routing');
  const format = await getFormatter();
  const { timeZone } = await getOrganization(ctx.db);
  const overview = await routingOverview(ctx);
  const { current } = overview;
  const since = current ? format.dateTime(current.validFrom, 'instantLong', { timeZone }) : '';
  return (
    <>
      <h1>{t('title')}</h1>
      <p className="muted">{t('intro')}</p>

      <section className="card" aria-labelledby="rules-heading">
        <h2 id="rules-heading">{t('rulesHeading')}</h2>
        {current ? (
          <p data-testid="routing-version">
            {current.createdByName
              ? t('inForce', {
                  version: overview.versions,
                  date: since,
                  name: current.createdByName,
                })
              : t('inForceSystem', { version: overview.versions, date: since })}{' '}
            <span className="muted">{t('versionsNote')}</span>
          </p>
        ) : (
          <p className="alert alert-info" role="status">
            {t('none')}
          </p>
        )}
        <RulesEditor
          defaultTeamId={current?.defaultTeamId ?? null}
          rules={current?.rules ?? []}
          teams={overview.teams.map(({ id, name }) => ({ id, name }))}
          categories={overview.categories}
        />
      </section>

      <section className="card" aria-labelledby="teams-heading">
        <h2 id="teams-heading">{t('teamsHeading')}</h2>
        <p className="muted">{t('teamsIntro')}</p>
        <ul className="routing-teams">
          {overview.teams.map((team) => (
            <li key={team.id}>
              <TeamAssignment team={team} />
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
