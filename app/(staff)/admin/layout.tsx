import { getTranslations } from '@/lib/i18n/server';
import type { ReactNode } from 'react';
import { requireStaffPage } from '@/lib/server/auth/session';
import { NavLinks } from '../_components/nav-links';
import { ADMIN_SECTIONS } from './sections';
import './admin.css';

/** Every /admin page: admins only (each page and action checks again), with the section menu. */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  await requireStaffPage('admin', '/admin');
  const t = await getTranslations('admin.sections');
  const tAdmin = await getTranslations('admin');
  return (
    <div className="admin-shell">
      <nav aria-label={tAdmin('menu')} className="admin-nav">
        <NavLinks items={ADMIN_SECTIONS.map((s) => ({ href: s.href, label: t(s.key) }))} />
      </nav>
      <div className="admin-content">{children}</div>
    </div>
  );
}
