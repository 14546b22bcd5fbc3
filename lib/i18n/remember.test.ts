import { describe, expect, it } from 'vitest';
import { createTranslator } from 'use-intl/core';
import { messageAt, remembering } from './remember';

/** A kept translator answers a repeated message and values from what it kept, never another's. */
function counted(identify?: (key: string) => string | null, results?: Map<string, string>) {
  const base = createTranslator({
    locale: 'es',
    timeZone: 'America/Bogota',
    messages: {
      days: '{count, plural, one {# día} other {# días}}',
      hello: 'Hola, {name}',
      on: 'Vence el {when, date, long}',
      plain: 'Sin valores',
    },
  });
  const calls: string[] = [];
  const spy = Object.assign(
    (key: string, values?: Record<string, unknown>, formats?: unknown) => {
      calls.push(key);
      return (base as unknown as (...a: unknown[]) => string)(key, values, formats);
    },
    { rich: base.rich, markup: base.markup, raw: base.raw, has: base.has },
  );
  return { t: remembering(spy, identify, results), calls };
}

describe('remembering translator', () => {
  it('formats each message and values once, and tells different values apart', () => {
    const { t, calls } = counted();
    expect(t('days', { count: 1 })).toBe('1 día');
    expect(t('days', { count: 3 })).toBe('3 días');
    expect(t('days', { count: 1 })).toBe('1 día');
    expect(t('hello', { name: 'Ana' })).toBe('Hola, Ana');
    expect(t('hello', { name: 'Luis' })).toBe('Hola, Luis');
    expect(t('plain')).toBe('Sin valores');
    expect(t('plain')).toBe('Sin valores');
    expect(calls).toEqual(['days', 'days', 'hello', 'hello', 'plain']);
  });

  it('formats a date value every time: a date is no key', () => {
    const { t, calls } = counted();
    const march = new Date('2026-03-02T15:00:00Z');
    const april = new Date('2026-04-02T15:00:00Z');
    expect(t('on', { when: march })).toBe('Vence el 2 de marzo de 2026');
    expect(t('on', { when: april })).toBe('Vence el 2 de abril de 2026');
    expect(calls).toEqual(['on', 'on']);
  });

  it('keeps raw and has working', () => {
    const { t } = counted();
    expect(t.raw('plain')).toBe('Sin valores');
    expect(t.has('plain')).toBe(true);
    expect(t.has('nothing' as 'plain')).toBe(false);
  });

  it('shares results by message text between translators, and never for a key it cannot name', () => {
    const shared = new Map<string, string>();
    const texts = { days: '{count, plural, one {# día} other {# días}}' };
    const byText = (key: string) => messageAt(texts, key);
    const first = counted(byText, shared);
    const second = counted(byText, shared);
    expect(first.t('days', { count: 2 })).toBe('2 días');
    expect(second.t('days', { count: 2 })).toBe('2 días');
    expect(second.t('days', { count: 1 })).toBe('1 día');
    expect(first.calls).toEqual(['days']);
    expect(second.calls).toEqual(['days']);
    // `hello` is not among the texts this translator may name: asked of `base` every time.
    second.t('hello', { name: 'Ana' });
    second.t('hello', { name: 'Ana' });
    expect(second.calls).toEqual(['days', 'hello', 'hello']);
  });
});
