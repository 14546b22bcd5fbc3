'use server';

import { cookies } from 'next/headers';
import { LOCALE_COOKIE, resolveLocale } from '@/lib/i18n/config';
import { servedOverHttps } from '@/lib/server/core/security-headers';

/** Remembers the chosen language for a year; the page re-renders in it. */
export async function setLocale(formData: FormData): Promise<void> {
  const locale = resolveLocale(String(formData.get('locale') ?? ''));
  const store = await cookies();
  store.set(LOCALE_COOKIE, locale, {
    path: '/',
    maxAge: 365 * 24 * 60 * 60,
    sameSite: 'lax',
    secure: servedOverHttps(),
  });
}
