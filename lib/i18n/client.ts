'use client';

import {
  useFormatter as formatterOfProvider,
  useLocale,
  useMessages,
  useTimeZone,
  useTranslations as translationsOfProvider,
} from 'next-intl';
import { useMemo } from 'react';
import {
  _createCache,
  _createIntlFormatters,
  createFormatter,
  createTranslator,
} from 'use-intl/core';
import { remembering } from './remember';

/**
 * Client components' translator and formatter, kept per language for the life of the module: the
 * server process while it renders pages, the browser tab after (issue 15).
 *
 * next-intl's hooks build their caches anew under every provider, and a provider is new on every
 * request the server renders: each message with a value was parsed again and each
 * `Intl.DateTimeFormat` built again for every row of a queue (a tenth of /casos's CPU). What they
 * hold is the same for every render in a language: the catalogue (static files), the time zone.
 * So one translator per language, time zone and namespace is kept, with one cache of compiled
 * messages and Intl formats; a string message's result for the same values is kept too (a queue
 * repeats its dates, states and day counts on every row), up to a bound.
 *
 * A namespace the provider does not carry goes through a translator of its own that reports the
 * missing message as next-intl's does: a page that lacks a part must not be hidden by another
 * page's having had it. In development the catalogue changes under the running server, so nothing
 * is kept there.
 */
const keep = process.env.NODE_ENV === 'production';
const cache = _createCache();
const intlFormatters = _createIntlFormatters(cache);
type Translator = ReturnType<typeof createTranslator>;
const translators = new Map<string, Translator>();
const formatters = new Map<string, ReturnType<typeof createFormatter>>();

function carries(messages: Record<string, unknown>, namespace: string | undefined): boolean {
  if (!namespace) return true;
  let at: unknown = messages;
  for (const part of namespace.split('.')) {
    if (typeof at !== 'object' || at === null) return false;
    at = (at as Record<string, unknown>)[part];
  }
  return typeof at === 'object' && at !== null;
}

function translatorFor(
  locale: string,
  timeZone: string | undefined,
  messages: Record<string, unknown>,
  namespace: string | undefined,
): Translator {
  const build = (shared: boolean) =>
    createTranslator({
      locale,
      timeZone,
      messages,
      namespace,
      ...(shared ? { _cache: cache, _formatters: intlFormatters } : {}),
    } as Parameters<typeof createTranslator>[0]);
  if (!keep || !carries(messages, namespace)) return build(false);
  const key = `${locale}\u0000${timeZone ?? ''}\u0000${namespace ?? ''}`;
  let translator = translators.get(key);
  if (!translator) {
    translator = remembering(build(true));
    translators.set(key, translator);
  }
  return translator;
}

function useTranslations(namespace?: string) {
  const locale = useLocale();
  const messages = useMessages() as Record<string, unknown>;
  const timeZone = useTimeZone();
  return useMemo(
    () => translatorFor(locale, timeZone, messages, namespace),
    [locale, timeZone, messages, namespace],
  );
}

/**
 * Dates and numbers, one formatter per language and time zone. Without the provider's `now`:
 * nothing on the client formats relative times.
 */
function useFormatter() {
  const locale = useLocale();
  const timeZone = useTimeZone();
  return useMemo(() => {
    if (!keep) return createFormatter({ locale, timeZone });
    const key = `${locale}\u0000${timeZone ?? ''}`;
    let formatter = formatters.get(key);
    if (!formatter) {
      formatter = createFormatter({ locale, timeZone, _formatters: intlFormatters });
      formatters.set(key, formatter);
    }
    return formatter;
  }, [locale, timeZone]);
}

const typedTranslations = useTranslations as unknown as typeof translationsOfProvider;
const typedFormatter = useFormatter as unknown as typeof formatterOfProvider;
export { typedFormatter as useFormatter, typedTranslations as useTranslations };
