import { createElement, type FunctionComponent, type ReactNode } from 'react';
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadMessages } from './load-messages';

/**
 * Client components' translators and formatters are kept across providers (a provider is new on
 * every request the server renders) per language and namespace, in production only; a namespace
 * the provider lacks still reads as missing.
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
  it('keeps one translator per language and namespace across requests', async () => {
    const { useTranslations } = await clientModule('production');
    const es = await loadMessages('es');
    const en = await loadMessages('en');
    const first = await render('es', es, () => useTranslations('deadline'));
    const again = await render('es', { ...es }, () => useTranslations('deadline'));
    expect(again.got).toBe(first.got);
    expect(first.got('daysLeft', { count: 1 })).toBe('1 día hábil');
    const english = await render('en', en, () => useTranslations('deadline'));
    expect(english.got).not.toBe(first.got);
    expect(english.got('paused')).toBe('Term paused');
    expect(first.got('paused')).toBe('Término suspendido');
  });

  it('gives each value its own result, however often a message is asked for', async () => {
    const { useTranslations } = await clientModule('production');
    const es = await loadMessages('es');
    const { got: t } = await render('es', es, () => useTranslations('deadline'));
    expect(t('daysLeft', { count: 1 })).toBe('1 día hábil');
    expect(t('daysLeft', { count: 3 })).toBe('3 días hábiles');
    expect(t('daysLeft', { count: 0 })).toBe('vence hoy');
    expect(t('daysLeft', { count: 1 })).toBe('1 día hábil');
    expect(t('daysOverdue', { count: 3 })).toBe('3 días hábiles vencido');
    expect(t.has('paused')).toBe(true);
    expect(t.has('nothing')).toBe(false);
  });

  it('reads a namespace the provider lacks as missing, even after another page carried it', async () => {
    const { useTranslations } = await clientModule('production');
    const es = await loadMessages('es');
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const carried = await render('es', es, () => useTranslations('deadline'));
    const { deadline: _left, ...lacking } = es;
    const missing = await render('es', lacking, () => useTranslations('deadline'));
    expect(missing.got).not.toBe(carried.got);
    expect(missing.got('paused')).toBe('deadline.paused');
    expect(errors).toHaveBeenCalled();
    errors.mockRestore();
  });

  it('keeps one formatter per language and time zone', async () => {
    const { useFormatter } = await clientModule('production');
    const es = await loadMessages('es');
    const instant = new Date('2026-03-01T03:30:00Z'); // still 28 February in Bogotá
    const first = await render('es', es, () => useFormatter());
    const again = await render('es', es, () => useFormatter());
    expect(again.got).toBe(first.got);
    expect(first.got.dateTime(instant, { day: 'numeric', month: 'long' })).toBe('28 de febrero');
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
