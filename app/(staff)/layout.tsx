import Link from 'next/link';
import { getTranslations } from '@/lib/i18n/server';
import type { ReactNode } from 'react';
import { requireStaffPage } from '@/lib/server/auth/session';
import { requestCtx } from '@/lib/server/core/context';
import { unreadCount } from '@/lib/server/notices/notifications';
import { hasRole } from '@/lib/server/core/guard';
import { LiveBell } from '../_components/live-bell';
import { ClientMessages, CLIENT_NAMESPACES } from '../_components/client-messages';
import { LocaleSwitch } from '../_components/locale-switch';
import { SignOutButton } from '../_components/sign-out-button';
import { NavLinks } from './_components/nav-links';

export default async function StaffLayout({ children }: { children: ReactNode }) {
  const staff = await requireStaffPage();
  const t = await getTranslations('nav');
  const tApp = await getTranslations('app');
  const tRoles = await getTranslations('roles');
  const unread = await unreadCount(requestCtx(staff));
  const items = [
    { href: '/casos', label: t('cases') },
    ...(hasRole(staff, 'supervision')
      ? [
          { href: '/tablero', label: t('board') },
          {
            label: t('analysis'),
            items: [
              { href: '/calidad', label: t('quality') },
              { href: '/causas', label: t('causes') },
              { href: '/informes', label: t('reports') },
            ],
          },
          { href: '/correo', label: t('mail') },
        ]
      : []),
    ...(staff.role === 'admin' ? [{ href: '/admin', label: t('admin') }] : []),
  ];
  // The shell sends what its own client components read; each area wraps its content in the set
  // its components read (lib/i18n/client-namespaces.ts).
  return (
    <ClientMessages namespaces={CLIENT_NAMESPACES.staffShell}>
      <div className="staff-shell">
        <header className="topbar">
          <Link href="/casos" className="brand">
            {tApp('name')}
          </Link>
          <nav aria-label={t('main')} className="topnav">
            <NavLinks items={items} />
          </nav>
          <div className="topbar-user">
            <LiveBell initialUnread={unread} />
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
    </ClientMessages>
  );
}
