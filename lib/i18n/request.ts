import { cookies } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { LOCALE_COOKIE, resolveLocale } from './config';
import { FORMATS } from './formats';
import { loadMessages } from './load-messages';
import { requestCtx } from '@/lib/server/core/context';
import { getOrganization } from '@/lib/server/core/organization';
import { VISITOR } from '@/lib/server/portal/actors';

/**
 * No locale in the URL: the choice lives in a cookie, Spanish (es-CO) by default. Dates and times
 * are shown in the organisation's time zone as the admin set it (ORG_TIME_ZONE is only the default
 * of a new organisation).
 */
export default getRequestConfig(async () => {
  const store = await cookies();
  const locale = resolveLocale(store.get(LOCALE_COOKIE)?.value);
  const messages = await loadMessages(locale);
  const timeZone = (await getOrganization(requestCtx(VISITOR).db)).timeZone;
  return { locale, messages, timeZone, formats: FORMATS };
});
