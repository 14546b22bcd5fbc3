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
/** Results kept per translator before they are dropped and counted again. */
const RESULT_LIMIT = 5_000;

type Translator = ReturnType<typeof createTranslator>;
type Values = Record<string, unknown> | undefined;
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

/** The values as part of a key, or null when one is not a string or a number (a date, a node). */
function valuesKey(values: Values): string | null {
  if (values === undefined) return '';
  let key = '';
  for (const name in values) {
    const value = values[name];
    if (typeof value !== 'string' && typeof value !== 'number') return null;
    key += `\u0000${name}\u0001${value}`;
  }
  return key;
}

/** `base`, its plain-string results kept by message key and values. */
function remembering(base: Translator): Translator {
  const results = new Map<string, string>();
  const t = ((key: string, values?: Values, formats?: unknown) => {
    const byValues = formats === undefined ? valuesKey(values) : null;
    if (byValues === null) return (base as (...a: unknown[]) => string)(key, values, formats);
    const resultKey = `${key}${byValues}`;
    let result = results.get(resultKey);
    if (result === undefined) {
      result = (base as (...a: unknown[]) => string)(key, values);
      if (results.size >= RESULT_LIMIT) results.clear();
      results.set(resultKey, result);
    }
    return result;
  }) as Translator;
  return Object.assign(t, {
    rich: base.rich,
    markup: base.markup,
    raw: base.raw,
    has: base.has,
  });
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
