import { getTranslations } from '@/lib/i18n/server';
import { requireStaffPage } from '@/lib/server/auth/session';
import { requestCtx } from '@/lib/server/core/context';
import { getOrganizationProfile } from '@/lib/server/admin/organization-profile';
import { LogoForm } from './logo-form';
import { ProfileForm } from './profile-form';
import '../personas/people.css';

export async function generateMetadata() {
  const t = await getTranslations('adminPeople.organization');
  return { title: t('title') };
}

/** The organisation profile: name, NIT, radicado prefix and the versioned privacy policy. */
export default async function OrganizationPage() {
  const ctx = requestCtx(await requireStaffPage('admin', '/admin/organizacion'));
  const t = await getTranslations('adminPeople.organization');
  const profile = await getOrganizationProfile(ctx);
  return (
    <>
      <h1>{t('title')}</h1>
      <p className="muted">{t('intro')}</p>
      <section className="card" aria-labelledby="org-heading">
        <h2 id="org-heading">{t('heading')}</h2>
        <ProfileForm profile={profile} />
      </section>
      <section className="card" aria-labelledby="logo-heading">
        <h2 id="logo-heading">{t('logoHeading')}</h2>
        <LogoForm hasLogo={profile.logoPath !== null} version={profile.logoPath ?? ''} />
      </section>
    </>
  );
}
