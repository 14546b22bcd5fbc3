/**
 * A translator that keeps its plain-string results (issue 15). use-intl compiles a message once
 * per cache, but still finds it on every call by a key that serialises the message, the language
 * and every date format; a page asks for the same few messages with the same values over and over
 * (a queue's states, dates and day counts on every row). So a result is kept by message key and
 * values, when every value is a string or a number, up to a bound. Only for a translator over
 * messages that do not change: the catalogue kept per language (lib/i18n/server.ts), one
 * provider's messages (lib/i18n/client.ts), where a result is kept by the message's text.
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

/**
 * `base`, its plain-string results kept by `identify(key)` and the values: by the key itself for a
 * translator over the whole catalogue; by the message's own text, in `results` shared by every
 * provider, for a translator over one provider's messages (`identify` answers null for a key the
 * provider lacks, which `base` then reports as missing).
 */
export function remembering<T extends object>(
  base: T,
  identify: (key: string) => string | null = (key) => key,
  results = new Map<string, string>(),
): T {
  const call = base as unknown as Call;
  const t = (key: string, values?: Values, formats?: unknown) => {
    const byValues = formats === undefined ? valuesKey(values) : null;
    const id = byValues === null ? null : identify(key);
    if (id === null) return call(key, values, formats);
    const resultKey = `${id}${byValues}`;
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

/** What stands at `path` (dotted) in `messages`: a text, a namespace, or undefined. */
export function valueAt(messages: unknown, path: string): unknown {
  let at = messages;
  for (const part of path.split('.')) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<string, unknown>)[part];
  }
  return at;
}

/** The message at `path` (dotted) in `messages`, or null when there is no text there. */
export function messageAt(messages: unknown, path: string): string | null {
  const at = valueAt(messages, path);
  return typeof at === 'string' ? at : null;
}
