import 'server-only';
import { createTranslator } from 'use-intl/core';
import type { Locale } from '@/lib/domain/enums';
import { DATE_TIME_FORMATS } from '@/lib/i18n/formats';
import en from '@/lib/i18n/messages/en.json';
import es from '@/lib/i18n/messages/es.json';
import { PD_DELIVERY_PROMISE } from '@/lib/domain/pd-silence';
import { SILENCE_RECOGNITION_PROMISE } from '@/lib/domain/regimes';

/**
 * Translations for mail and jobs, which run inside transactions with no request (and so no
 * next-intl request config): the catalogues are imported statically.
 */
export type Messages = typeof es;

// The two catalogues carry the same keys (lib/i18n tests keep them in sync).
const CATALOGUES: Readonly<Record<Locale, Messages>> = { es, en: en as Messages };

/** Numbers and dates as a person in that language expects them; Spanish is Colombia's. */
const INTL_LOCALES: Readonly<Record<Locale, string>> = { es: 'es-CO', en: 'en-US' };

export function intlLocale(locale: Locale): string {
  return INTL_LOCALES[locale];
}

/**
 * A missing or broken message throws instead of mailing the key to a customer; every mail is
 * rendered in both languages by the tests.
 */
function makeTranslator(locale: Locale) {
  return createTranslator({
    locale: intlLocale(locale),
    messages: CATALOGUES[locale],
    onError: (error) => {
      throw error;
    },
  });
}
export type ServerTranslator = ReturnType<typeof makeTranslator>;

/**
 * One translator per language for the process: it holds no state but its compiled messages, so
 * a mail composed after the first one reuses them instead of parsing each message again.
 */
const translators = new Map<Locale, ServerTranslator>();

export function serverTranslator(locale: Locale): ServerTranslator {
  let t = translators.get(locale);
  if (!t) translators.set(locale, (t = makeTranslator(locale)));
  return t;
}

/** Mails and letters spell the date out, as the pages' long form does (i18n/formats.ts). */
const DATE = DATE_TIME_FORMATS.dayLong;
const TIME: Readonly<Record<Locale, Intl.DateTimeFormatOptions>> = {
  es: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  en: { hour: 'numeric', minute: '2-digit', hour12: true },
};

/** Formatters by their options: building an Intl.DateTimeFormat costs far more than using one. */
const formats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(tag: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${tag} ${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    if (formats.size >= 256) formats.clear();
    formats.set(key, (format = new Intl.DateTimeFormat(tag, options)));
  }
  return format;
}

/** An instant as the organisation's clock showed it: date, time and the zone's name. */
export function formatInstant(
  locale: Locale,
  instant: Date,
  timeZone: string,
): { date: string; time: string; zone: string } {
  const tag = intlLocale(locale);
  const zone =
    dateFormat(tag, { timeZone, timeZoneName: 'long' })
      .formatToParts(instant)
      .find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
  return {
    date: dateFormat(tag, { ...DATE, timeZone }).format(instant),
    time: dateFormat(tag, { ...TIME[locale], timeZone }).format(instant),
    zone,
  };
}

/** A calendar date (`YYYY-MM-DD`, already local to the organisation): no zone shifts it. */
export function formatLocalDate(locale: Locale, date: string): string {
  return dateFormat(intlLocale(locale), { ...DATE, timeZone: 'UTC' }).format(
    new Date(`${date}T12:00:00Z`),
  );
}

/** A promise's words for the petitioner or staff: the system's own promises by their label. */
export function promiseWords(t: ServerTranslator, description: string): string {
  if (description === 'callback') return t('mail.alert.callbackPromise');
  if (description === PD_DELIVERY_PROMISE) return t('mail.alert.pdDeliveryPromise');
  if (description === SILENCE_RECOGNITION_PROMISE) return t('mail.alert.silenceRecognitionPromise');
  return description;
}
