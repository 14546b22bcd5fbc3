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
import { messageAt, remembering, valueAt } from './remember';
import { FORMATS } from './formats';

/**
 * Client components' translators and formatters, with one cache of compiled messages and Intl
 * formats for the life of the module: the server process while it renders pages, the browser tab
 * after (issue 15).
 *
 * next-intl's hooks build their caches anew under every provider, and a provider is new on every
 * request the server renders: each message with a value was parsed again and each
 * `Intl.DateTimeFormat` built again for every row of a queue (a tenth of /casos's CPU). A compiled
 * message depends only on its text and language, an Intl format only on its options, so one cache
 * serves every provider. The translators themselves read the provider's messages: one per provider
 * and namespace, shared by the components under it. A plain result is kept by the message's text
 * and values, for every provider (a queue repeats its dates, states and day counts on every row,
 * and every request of the queue the same again). A page whose provider lacks a message reads it
 * as missing, whatever another page carried (a part of a namespace, on the queue, is not all of it). In development the catalogue changes under the running server, so nothing is
 * kept there.
 */
// Read as the bundler inlines it: this module runs in the browser too, where lib/env.ts (zod, the
// server's variables) has no place.
const keep = process.env.NODE_ENV === 'production';
const cache = _createCache();
const intlFormatters = _createIntlFormatters(cache);
type Translator = ReturnType<typeof createTranslator>;
const translators = new WeakMap<object, Map<string, Translator>>();
const formatters = new Map<string, ReturnType<typeof createFormatter>>();
/** Plain results of every provider's messages, by language, time zone, text and values. */
const results = new Map<string, string>();

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
  if (!keep) return build(false);
  let ofProvider = translators.get(messages);
  if (!ofProvider) translators.set(messages, (ofProvider = new Map()));
  const prefix = `${locale}\u0000${timeZone ?? ''}\u0000`;
  const key = `${prefix}${namespace ?? ''}`;
  let translator = ofProvider.get(key);
  if (!translator) {
    const scope = namespace ? valueAt(messages, namespace) : messages;
    translator = remembering(
      build(true),
      (path) => {
        const text = messageAt(scope, path);
        return text === null ? null : `${prefix}${text}`;
      },
      results,
    );
    ofProvider.set(key, translator);
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
    if (!keep) return createFormatter({ locale, timeZone, formats: FORMATS });
    const key = `${locale}\u0000${timeZone ?? ''}`;
    let formatter = formatters.get(key);
    if (!formatter) {
      formatter = createFormatter({
        locale,
        timeZone,
        formats: FORMATS,
        _formatters: intlFormatters,
      });
      formatters.set(key, formatter);
    }
    return formatter;
  }, [locale, timeZone]);
}

const typedTranslations = useTranslations as unknown as typeof translationsOfProvider;
const typedFormatter = useFormatter as unknown as typeof formatterOfProvider;
export { typedFormatter as useFormatter, typedTranslations as useTranslations };
