import { createElement, type FunctionComponent, type ReactNode } from 'react';
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadMessages } from './load-messages';

/**
 * Client components' translators share one cache of compiled messages and Intl formats across
 * providers (a provider is new on every request the server renders), in production only; each
 * reads its own provider's messages, so what a provider lacks reads as missing.
 */
type ClientModule = typeof import('./client');

async function clientModule(nodeEnv: string): Promise<ClientModule> {
  vi.resetModules();
  vi.stubEnv('NODE_ENV', nodeEnv);
  return import('./client');
}

/** What a component under a fresh provider (one request's render) got from the hooks. */
async function render<T>(
  locale: 'es' | 'en',
  messages: Record<string, unknown>,
  use: () => T,
): Promise<{ got: T; html: string }> {
  const { NextIntlClientProvider } = await import('next-intl');
  let got: T | undefined;
  function Probe(): ReactNode {
    got = use();
    return null;
  }
  // The children go as an argument, as JSX would pass them; the provider's type asks for them in props.
  const provider = NextIntlClientProvider as unknown as FunctionComponent<Record<string, unknown>>;
  const html = renderToString(
    createElement(provider, { locale, messages, timeZone: 'America/Bogota' }, createElement(Probe)),
  );
  return { got: got as T, html };
}

afterEach(() => vi.unstubAllEnvs());

describe('client translators and formatters', () => {
  it('gives the components under one provider one translator per namespace', async () => {
    const { useTranslations } = await clientModule('production');
    const es = await loadMessages('es');
    const { got } = await render('es', es, () => [
      useTranslations('deadline'),
      useTranslations('deadline'),
      useTranslations('states'),
    ]);
    expect(got[1]).toBe(got[0]);
    expect(got[2]).not.toBe(got[0]);
    expect(got[0]!('daysLeft', { count: 1 })).toBe('1 día hábil');
    const english = await render('en', await loadMessages('en'), () => useTranslations('deadline'));
    expect(english.got('paused')).toBe('Term paused');
  });

  it('compiles a format once for every request, not once per provider', async () => {
    const Real = Intl.DateTimeFormat;
    let built = 0;
    const counting = function (...args: ConstructorParameters<typeof Real>) {
      built += 1;
      return new Real(...args);
    } as unknown as typeof Intl.DateTimeFormat;
    Intl.DateTimeFormat = counting;
    try {
      const { useFormatter, useTranslations } = await clientModule('production');
      const es = await loadMessages('es');
      const instant = new Date('2026-03-01T03:30:00Z'); // still 28 February in Bogotá
      for (const messages of [es, { ...es }, { ...es }]) {
        const { got } = await render('es', messages, () => ({
          format: useFormatter(),
          t: useTranslations('deadline'),
        }));
        expect(got.format.dateTime(instant, { day: 'numeric', month: 'long' })).toBe(
          '28 de febrero',
        );
        expect(got.t('daysLeft', { count: 3 })).toBe('3 días hábiles');
      }
      expect(built).toBe(1);
    } finally {
      Intl.DateTimeFormat = Real;
    }
  });

  it('reads what its own provider carries, whatever part of a namespace another page had', async () => {
    const { useTranslations } = await clientModule('production');
    const es = await loadMessages('es');
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    // The queue carries one key of staffCase; the case page, all of it.
    const priority = { normal: 'Normal', preferente: 'Preferente (art. 20)' };
    const queue = { staffCase: { options: { priority } } };
    const onQueue = await render('es', queue, () => useTranslations('staffCase'));
    expect(onQueue.got('options.priority.preferente')).toBe('Preferente (art. 20)');
    const onCase = await render('es', es, () => useTranslations('staffCase'));
    expect(onCase.got('actions.take')).toBe('Tomar el caso');
    // And a page without the namespace reads it as missing, after others carried it.
    const { deadline: _left, ...lacking } = es;
    await render('es', es, () => useTranslations('deadline'));
    const missing = await render('es', lacking, () => useTranslations('deadline'));
    expect(missing.got('paused')).toBe('deadline.paused');
    expect(errors).toHaveBeenCalled();
    errors.mockRestore();
  });

  it('keeps one formatter per language and time zone', async () => {
    const { useFormatter } = await clientModule('production');
    const es = await loadMessages('es');
    const first = await render('es', es, () => useFormatter());
    const again = await render('es', { ...es }, () => useFormatter());
    expect(again.got).toBe(first.got);
  });

  it('keeps nothing outside production', async () => {
    const { useFormatter, useTranslations } = await clientModule('development');
    const es = await loadMessages('es');
    const first = await render('es', es, () => [useTranslations('deadline'), useFormatter()]);
    const again = await render('es', es, () => [useTranslations('deadline'), useFormatter()]);
    expect(again.got[0]).not.toBe(first.got[0]);
    expect(again.got[1]).not.toBe(first.got[1]);
  });
});
