/**
 * A translator that keeps its plain-string results (issue 15). use-intl compiles a message once
 * per cache, but still finds it on every call by a key that serialises the message, the language
 * and every date format; a page asks for the same few messages with the same values over and over
 * (a queue's states, dates and day counts on every row). So a result is kept by message key and
 * values, when every value is a string or a number, up to a bound. Only for translators that live
 * as long as their catalogue: kept per language (lib/i18n/server.ts, lib/i18n/client.ts).
 */

/** Results kept per translator before they are dropped and counted again. */
const RESULT_LIMIT = 5_000;

type Values = Record<string, unknown> | undefined;
type Call = (key: string, values?: Values, formats?: unknown) => string;

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
export function remembering<T extends object>(base: T): T {
  const results = new Map<string, string>();
  const call = base as unknown as Call;
  const t = (key: string, values?: Values, formats?: unknown) => {
    const byValues = formats === undefined ? valuesKey(values) : null;
    if (byValues === null) return call(key, values, formats);
    const resultKey = `${key}${byValues}`;
    let result = results.get(resultKey);
    if (result === undefined) {
      result = call(key, values);
      if (results.size >= RESULT_LIMIT) results.clear();
      results.set(resultKey, result);
    }
    return result;
  };
  const { rich, markup, raw, has } = base as unknown as Record<string, unknown>;
  return Object.assign(t, { rich, markup, raw, has }) as unknown as T;
}
