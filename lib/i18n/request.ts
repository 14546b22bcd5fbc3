import { cookies } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { LOCALE_COOKIE, resolveLocale } from './config';
import { loadMessages } from './load-messages';
import { env } from '@/lib/env';

/** No locale in the URL: the choice lives in a cookie, Spanish (es-CO) by default. */
export default getRequestConfig(async () => {
  const store = await cookies();
  const locale = resolveLocale(store.get(LOCALE_COOKIE)?.value);
  const messages = await loadMessages(locale);
  return { locale, messages, timeZone: env().ORG_TIME_ZONE };
});
