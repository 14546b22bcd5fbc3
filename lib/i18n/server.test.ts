import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTranslator } from 'use-intl/core';
import { loadMessages } from './load-messages';

/**
 * The server's translators and formatters are built once per language and kept (issue 15): the
 * request's language still picks its own, and outside production nothing is kept.
 */
const request = vi.hoisted(() => ({ locale: 'es', builds: 0 }));
vi.mock('server-only', () => ({}));
vi.mock('next-intl/server', () => ({
  getLocale: async () => request.locale,
  getTimeZone: async () => 'America/Bogota',
  getTranslations: async (arg?: string | { locale?: 'es' | 'en'; namespace?: string }) => {
    const { locale = request.locale as 'es' | 'en', namespace } =
      typeof arg === 'string' ? { namespace: arg } : (arg ?? {});
    request.builds += 1;
    return createTranslator({ locale, messages: await loadMessages(locale), namespace });
  },
  getFormatter: async () => {
    request.builds += 1;
    return { dateTime: () => 'built for this request' };
  },
}));

const { getFormatter, getTranslations } = await import('./server');

beforeEach(() => {
  request.locale = 'es';
  request.builds = 0;
});
afterEach(() => vi.unstubAllEnvs());

describe('server translators and formatters', () => {
  it('builds one translator per language and namespace and keeps it', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    const first = await getTranslations('app');
    const again = await getTranslations('app');
    expect(again).toBe(first);
    expect(request.builds).toBe(1);
    expect(first('backToCases')).toBe('Volver a casos');

    request.locale = 'en';
    const english = await getTranslations('app');
    expect(english).not.toBe(first);
    expect(english('backToCases')).not.toBe('Volver a casos');
    expect(await getTranslations({ locale: 'es', namespace: 'app' })).toBe(first);
    expect(await getTranslations('errors')).not.toBe(english);
    expect(request.builds).toBe(3);
  });

  it('keeps one formatter per language, in the organisation time zone', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    const instant = new Date('2026-03-01T03:30:00Z'); // still 28 February in Bogotá
    const spanish = await getFormatter();
    expect(await getFormatter()).toBe(spanish);
    expect(spanish.dateTime(instant, { day: 'numeric', month: 'long' })).toBe('28 de febrero');
    request.locale = 'en';
    const english = await getFormatter();
    expect(english).not.toBe(spanish);
    expect(english.dateTime(instant, { day: 'numeric', month: 'long' })).toBe('February 28');
    expect(request.builds).toBe(0);
  });

  it('keeps nothing outside production, where the catalogue changes under the server', async () => {
    vi.stubEnv('NODE_ENV', 'development');
    const first = await getTranslations('app');
    expect(await getTranslations('app')).not.toBe(first);
    expect((await getFormatter()).dateTime(new Date())).toBe('built for this request');
    expect(request.builds).toBe(3);
  });
});
