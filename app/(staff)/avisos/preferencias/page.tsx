import { getTranslations } from '@/lib/i18n/server';
import Link from 'next/link';
import { env } from '@/lib/env';
import { requireStaffPage } from '@/lib/server/auth/session';
import { requestCtx } from '@/lib/server/core/context';
import { getNotificationPreferences } from '@/lib/server/notices/notification-preferences';
import { PreferencesForm } from './preferences-form';
import './preferences.css';

export async function generateMetadata() {
  const t = await getTranslations('notificationPrefs');
  return { title: t('title') };
}

/** Each staff member's own choice, per kind of alert, of how it reaches them by e-mail. */
export default async function NotificationPreferencesPage() {
  const staff = await requireStaffPage('staff', '/avisos/preferencias');
  const t = await getTranslations('notificationPrefs');
  const prefs = await getNotificationPreferences(requestCtx(staff));
  const modes = Object.fromEntries(prefs.map((p) => [p.kind, p.mode])) as Parameters<
    typeof PreferencesForm
  >[0]['modes'];
  return (
    <>
      <p>
        <Link href="/avisos">{t('back')}</Link>
      </p>
      <h1>{t('title')}</h1>
      <p className="muted">
        {t('intro')} {t('digestTime', { hour: env().DIGEST_HOUR })}
      </p>
      <PreferencesForm modes={modes} />
    </>
  );
}
