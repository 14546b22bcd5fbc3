import { getFormatter, getTranslations } from '@/lib/i18n/server';
import { AvailabilityToggle } from '@/app/_components/availability-toggle';
import type { TeamMember } from '@/lib/server/routing/team-availability';
import { setMemberAvailabilityAction } from './availability-actions';

/**
 * A supervisor's team at a glance: who takes new cases, who is away since when, what each holds.
 * Nothing when they lead nobody; folded behind its summary when the team is large, so the queue
 * stays near the top (admins set anyone's availability on the routing page).
 */
export async function TeamAvailabilityCard({
  members,
  awayHours,
}: {
  members: TeamMember[];
  /** AWAY_RETURN_HOURS: how long an absence lasts before the cases go back. */
  awayHours: number;
}) {
  const t = await getTranslations('routing.teamCard');
  const format = await getFormatter();
  if (members.length === 0) return null;
  const away = members.filter((m) => !m.isAvailable).length;
  return (
    <section className="card" aria-labelledby="team-availability-title">
      <h2 id="team-availability-title">{t('title')}</h2>
      <p className="small muted">{t('intro', { hours: awayHours })}</p>
      <details open={members.length <= 8} className="team-availability">
        <summary>{t('summary', { people: members.length, away })}</summary>
        <ul className="availability-list" data-testid="team-availability">
          {members.map((m) => (
            <li key={m.id}>
              <AvailabilityToggle
                agent={m}
                send={setMemberAvailabilityAction}
                detail={[
                  m.teamName,
                  t('openCases', { count: m.openCases }),
                  m.awaySince
                    ? t('awaySince', {
                        when: format.dateTime(m.awaySince, 'instant'),
                      })
                    : null,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              />
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}
