import 'server-only';
import {
  getFormatter as formatterOfRequest,
  getLocale,
  getTimeZone,
  getTranslations as translationsOfRequest,
} from 'next-intl/server';
import { _createCache, _createIntlFormatters, createFormatter } from 'use-intl/core';
import { FORMATS } from './formats';
import { env } from '@/lib/env';
import { remembering } from './remember';

/**
 * Server components' translator and formatter, kept for the process per language (issue 15).
 *
 * next-intl builds them anew on every request, and with them new caches: each message with a
 * value was parsed again and each `Intl.DateTimeFormat` built again for every page (a tenth of a
 * staff page's CPU). What they hold is the same for every request in a language: the catalogue
 * (static files), the organisation's time zone, the default error handler. So the first one built
 * for a language (and namespace) is kept, and its compiled messages and Intl formats serve every
 * later request, with its plain results (lib/i18n/remember.ts); the request's language still
 * decides which one a page gets. In development the
 * catalogue changes under the running server, so nothing is kept there.
 */
/** Read at each call, so a test can stand in for production. */
const keep = () => env().NODE_ENV === 'production';
const translators = new Map<string, Promise<unknown>>();
const formatters = new Map<string, ReturnType<typeof createFormatter>>();

type Options = { locale?: string; namespace?: string };

async function getTranslations(namespaceOrOptions?: string | Options) {
  // Outside production, next-intl's own, as it is.
  if (!keep()) return translationsOfRequest(namespaceOrOptions as string | undefined);
  const options: Options =
    typeof namespaceOrOptions === 'string'
      ? { namespace: namespaceOrOptions }
      : (namespaceOrOptions ?? {});
  const locale = options.locale ?? (await getLocale());
  const build = () => translationsOfRequest({ locale, namespace: options.namespace });
  const key = `${locale}\u0000${options.namespace ?? ''}`;
  let translator = translators.get(key);
  if (!translator) {
    translator = build().then(remembering);
    translators.set(key, translator);
    // A failed build is not kept: the next request tries again.
    translator.catch(() => translators.delete(key));
  }
  return translator;
}

/**
 * Dates and numbers. Kept without a request's `now`: nothing here formats relative times, and one
 * that did without passing `now` would read the clock at the call instead of a stale request's.
 */
async function getFormatter(options?: { locale?: string }) {
  if (!keep()) return formatterOfRequest(options);
  const locale = options?.locale ?? (await getLocale());
  const timeZone = await getTimeZone({ locale });
  const key = `${locale}\u0000${timeZone}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = createFormatter({
      locale,
      timeZone,
      formats: FORMATS,
      _formatters: _createIntlFormatters(_createCache()),
    });
    formatters.set(key, formatter);
  }
  return formatter;
}

const typedTranslations = getTranslations as unknown as typeof translationsOfRequest;
const typedFormatter = getFormatter as unknown as typeof formatterOfRequest;
export { typedFormatter as getFormatter, typedTranslations as getTranslations };
