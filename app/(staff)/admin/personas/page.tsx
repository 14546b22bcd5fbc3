import { getFormatter, getTranslations } from '@/lib/i18n/server';
import Link from 'next/link';
import { requireStaffPage } from '@/lib/server/auth/session';
import { requestCtx } from '@/lib/server/core/context';
import { listStaff } from '@/lib/server/admin/list-staff';
import { listSupervisorCandidates, listTeams } from '@/lib/server/admin/teams';
import { getOrganization } from '@/lib/server/core/organization';
import { CreateStaffForm } from './staff-forms';
import { CreateTeamForm, EditTeamForm } from './team-forms';
import './people.css';

export async function generateMetadata() {
  const t = await getTranslations('adminPeople');
  return { title: t('title') };
}

/** Staff users (list, create) and teams (list, create, rename, supervisor). Admins only. */
export default async function PeoplePage() {
  const ctx = requestCtx(await requireStaffPage('admin', '/admin/personas'));
  const t = await getTranslations('adminPeople');
  const format = await getFormatter();
  const { timeZone } = await getOrganization(ctx.db);
  const staff = await listStaff(ctx);
  const teams = await listTeams(ctx);
  const candidates = await listSupervisorCandidates(ctx);
  const teamOptions = teams.map((team) => ({ id: team.id, name: team.name }));
  return (
    <>
      <h1>{t('title')}</h1>
      <p className="muted">{t('intro')}</p>

      <section className="card" aria-labelledby="staff-heading">
        <h2 id="staff-heading">{t('staff.heading')}</h2>
        <div className="table-scroll">
          <table className="people-table">
            <caption className="visually-hidden">{t('staff.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('fields.name')}</th>
                <th scope="col">{t('fields.email')}</th>
                <th scope="col">{t('fields.role')}</th>
                <th scope="col">{t('fields.team')}</th>
                <th scope="col">{t('fields.status')}</th>
                <th scope="col">{t('fields.lastSignIn')}</th>
              </tr>
            </thead>
            <tbody>
              {staff.map((person) => (
                <tr key={person.id} className={person.isActive ? undefined : 'people-inactive'}>
                  <th scope="row">
                    <Link href={`/admin/personas/${person.id}`}>{person.name}</Link>
                  </th>
                  <td className="people-email" data-label={t('fields.email')}>
                    {person.email}
                  </td>
                  <td data-label={t('fields.role')}>{t(`roles.${person.role}`)}</td>
                  <td data-label={t('fields.team')}>{person.teamName ?? '—'}</td>
                  <td data-label={t('fields.status')}>
                    <span className={person.isActive ? 'badge badge-on_track' : 'badge'}>
                      {person.isActive ? t('staff.active') : t('staff.inactive')}
                    </span>
                  </td>
                  <td data-label={t('fields.lastSignIn')}>
                    {person.lastSignInAt
                      ? format.dateTime(person.lastSignInAt, 'instant', { timeZone })
                      : t('staff.never')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="card" aria-labelledby="new-staff-heading">
        <h2 id="new-staff-heading">{t('staff.newHeading')}</h2>
        <CreateStaffForm teams={teamOptions} />
      </section>

      <section className="card" aria-labelledby="teams-heading">
        <h2 id="teams-heading">{t('teams.heading')}</h2>
        <p className="muted">{t('teams.intro')}</p>
        <ul className="people-teams">
          {teams.map((team) => (
            <li key={team.id}>
              <h3>{team.name}</h3>
              <p className="muted">
                {t('teams.members', { count: team.members })} ·{' '}
                {team.supervisorName
                  ? t('teams.ledBy', { name: team.supervisorName })
                  : t('teams.noSupervisor')}
              </p>
              <EditTeamForm team={team} candidates={candidates} />
            </li>
          ))}
        </ul>
        <h3>{t('teams.newHeading')}</h3>
        <CreateTeamForm candidates={candidates} />
      </section>
    </>
  );
}
