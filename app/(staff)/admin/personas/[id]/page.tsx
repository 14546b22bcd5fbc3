import { getTranslations } from '@/lib/i18n/server';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getStaffMember } from '@/lib/server/admin/list-staff';
import { listTeams } from '@/lib/server/admin/teams';
import { requireStaffPage } from '@/lib/server/auth/session';
import { requestCtx } from '@/lib/server/core/context';
import { isAppError } from '@/lib/server/core/errors';
import { ActiveToggle, EditStaffForm, ResetPasswordForm } from '../staff-forms';
import '../people.css';

export async function generateMetadata() {
  const t = await getTranslations('adminPeople');
  return { title: t('memberTitle') };
}

/** One staff member: role and team, active or not, and a new password set by the admin. */
export default async function StaffMemberPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const ctx = requestCtx(await requireStaffPage('admin', `/admin/personas/${id}`));
  const t = await getTranslations('adminPeople');
  const userId = Number(id);
  if (!Number.isInteger(userId) || userId <= 0) notFound();
  const person = await getStaffMember(ctx, { id: userId }).catch((error: unknown) => {
    if (isAppError(error) && error.code === 'NOT_FOUND') return null;
    throw error;
  });
  if (!person) notFound();
  const teams = (await listTeams(ctx)).map((team) => ({ id: team.id, name: team.name }));
  return (
    <>
      <p>
        <Link href="/admin/personas">{t('back')}</Link>
      </p>
      <h1>{person.name}</h1>
      <p className="muted">
        {person.email} · {t(`roles.${person.role}`)} ·{' '}
        {person.isActive ? t('staff.active') : t('staff.inactive')}
      </p>
      <section className="card" aria-labelledby="edit-heading">
        <h2 id="edit-heading">{t('staff.editHeading')}</h2>
        <EditStaffForm
          key={`${person.role}-${person.teamId}`}
          userId={person.id}
          role={person.role}
          teamId={person.teamId}
          teams={teams}
        />
      </section>
      <section className="card" aria-labelledby="active-heading">
        <h2 id="active-heading">{t('staff.accessHeading')}</h2>
        <ActiveToggle key={String(person.isActive)} userId={person.id} isActive={person.isActive} />
      </section>
      <section className="card" aria-labelledby="password-heading">
        <h2 id="password-heading">{t('staff.passwordHeading')}</h2>
        <ResetPasswordForm userId={person.id} />
      </section>
    </>
  );
}
