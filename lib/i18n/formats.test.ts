/**
 * One short and one long date form per language, with and without the time (issue 17 §2): every
 * named format rendered in both languages, in the organisation's time zone, and no page writing
 * its own date options instead.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createFormatter } from 'use-intl/core';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '@/lib/domain/enums';
import { calendarDate, DATE_TIME_FORMATS, FORMATS, type DateForm } from './formats';

/** 5 December 2026, 18:47 in Bogotá. */
const INSTANT = new Date('2026-12-05T23:47:00Z');
const EXPECTED: Record<(typeof LOCALES)[number], Record<DateForm, string>> = {
  es: {
    day: '5 dic 2026',
    dayLong: '5 de diciembre de 2026',
    instant: '5 dic 2026, 18:47',
    instantLong: '5 de diciembre de 2026 a las 18:47',
    clock: '18:47:00',
  },
  en: {
    day: 'Dec 5, 2026',
    dayLong: 'December 5, 2026',
    instant: 'Dec 5, 2026, 6:47 PM',
    instantLong: 'December 5, 2026 at 6:47 PM',
    clock: '6:47:00 PM',
  },
};
/** Intl puts no-break spaces around times and between words; compare them as spaces. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('the date forms', () => {
  it.each(LOCALES)('renders every form in %s, in the organisation’s time zone', (locale) => {
    const format = createFormatter({ locale, timeZone: 'America/Bogota', formats: FORMATS });
    for (const form of Object.keys(DATE_TIME_FORMATS) as DateForm[]) {
      expect(plain(format.dateTime(INSTANT, form)), `${locale} ${form}`).toBe(
        EXPECTED[locale][form],
      );
    }
  });

  it('shows a calendar date as that day whatever the zone (calendarDate)', () => {
    for (const timeZone of ['Asia/Tokyo', 'Pacific/Honolulu']) {
      const es = createFormatter({ locale: 'es', timeZone, formats: FORMATS });
      const en = createFormatter({ locale: 'en', timeZone, formats: FORMATS });
      expect(plain(calendarDate(es, '2026-12-29'))).toBe('29 dic 2026');
      expect(plain(calendarDate(es, '2026-12-29', 'dayLong'))).toBe('29 de diciembre de 2026');
      expect(plain(calendarDate(en, '2026-01-01'))).toBe('Jan 1, 2026');
    }
  });

  it('is what every page uses: no page writes its own date style, and every name exists', () => {
    const files = fs
      .readdirSync('app', { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.tsx?$/.test(f))
      .map((f) => path.join('app', f));
    const styled: string[] = [];
    const names = new Set<string>();
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      if (/dateStyle|timeStyle/.test(text)) styled.push(file);
      for (const m of text.matchAll(/\.dateTime\([^,()]*(?:\([^()]*\))?[^,()]*,\s*'(\w+)'/g)) {
        names.add(m[1]!);
      }
    }
    expect(styled).toEqual([]);
    expect(names.size).toBeGreaterThan(0);
    expect([...names].filter((n) => !(n in DATE_TIME_FORMATS))).toEqual([]);
  });
});
