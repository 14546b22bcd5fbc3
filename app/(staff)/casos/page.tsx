import type { Metadata } from 'next';
import { getFormatter, getTranslations } from 'next-intl/server';
import { requireStaffPage } from '@/lib/server/auth/session';
import { getStaffHome } from '@/lib/server/staff-home';
import { DeadlineBadge } from '../../_components/deadline-badge';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('cases');
  return { title: t('title') };
}

export default async function CasesHomePage() {
  const staff = await requireStaffPage(undefined, '/casos');
  const t = await getTranslations('cases');
  const tRoles = await getTranslations('roles');
  const tTypes = await getTranslations('types');
  const tStates = await getTranslations('states');
  const format = await getFormatter();
  const home = getStaffHome(staff);
  const role = tRoles(staff.role);
  return (
    <>
      <section className="page-head">
        <h1>{t('welcome', { name: staff.name })}</h1>
        <p className="muted" data-testid="staff-role">
          {staff.teamName
            ? t('roleAndTeam', { role, team: staff.teamName })
            : t('roleOnly', { role })}
        </p>
      </section>
      <section aria-labelledby="summary-title">
        <h2 id="summary-title" className="visually-hidden">
          {t('openCases')}
        </h2>
        <ul className="stat-grid">
          {(['mine', 'team', 'unassigned', 'overdue'] as const).map((key) => (
            <li
              key={key}
              className={key === 'overdue' && home.summary.overdue > 0 ? 'stat stat-alert' : 'stat'}
            >
              <span className="stat-value">{format.number(home.summary[key])}</span>
              <span className="stat-label">{t(`summary.${key}`)}</span>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="cases-title" className="card">
        <h2 id="cases-title">{t('openCases')}</h2>
        {home.cases.length === 0 ? (
          <p className="muted">{t('table.empty')}</p>
        ) : (
          <div className="table-scroll">
            <table className="table">
              <caption className="visually-hidden">{t('table.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('table.radicado')}</th>
                  <th scope="col">{t('table.type')}</th>
                  <th scope="col">{t('table.subject')}</th>
                  <th scope="col">{t('table.state')}</th>
                  <th scope="col">{t('table.due')}</th>
                </tr>
              </thead>
              <tbody>
                {home.cases.map((c) => (
                  <tr key={c.id}>
                    <td className="mono nowrap">{c.radicado}</td>
                    <td>{tTypes(c.typeCode)}</td>
                    <td>{c.subject}</td>
                    <td>{tStates(c.state)}</td>
                    <td className="nowrap">
                      <DeadlineBadge
                        dueDate={c.dueDate}
                        deadline={c.deadline}
                        isPaused={c.isPaused}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
