import { describe, expect, it } from 'vitest';
import { createTranslator } from 'use-intl/core';
import { remembering } from './remember';

/** A kept translator answers a repeated message and values from what it kept, never another's. */
function counted() {
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
  return { t: remembering(spy), calls };
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
});
