import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { requireStaffPage } from '@/lib/server/auth/session';
import { LocaleSwitch } from '../_components/locale-switch';
import { SignOutButton } from '../_components/sign-out-button';

export default async function StaffLayout({ children }: { children: ReactNode }) {
  const staff = await requireStaffPage();
  const t = await getTranslations('nav');
  const tApp = await getTranslations('app');
  const tRoles = await getTranslations('roles');
  return (
    <div className="staff-shell">
      <header className="topbar">
        <Link href="/casos" className="brand">
          {tApp('name')}
        </Link>
        <nav aria-label={t('main')} className="topnav">
          <Link href="/casos">{t('cases')}</Link>
        </nav>
        <div className="topbar-user">
          <span className="user-badge" aria-label={t('signedInAs', { name: staff.name })}>
            <span className="user-name">{staff.name}</span>
            <span className="user-role">{tRoles(staff.role)}</span>
          </span>
          <LocaleSwitch />
          <SignOutButton label={t('signOut')} />
        </div>
      </header>
      <main id="contenido" className="page">
        {children}
      </main>
    </div>
  );
}
