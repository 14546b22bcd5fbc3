import 'server-only';
import { startOfLocalDay, isValidLocalDate } from '@/lib/domain/calendar';
import {
  CASE_TYPES,
  CHANNELS,
  DECISIONS,
  DOCUMENT_TYPES,
  LOCALES,
  PRIORITIES,
} from '@/lib/domain/enums';
import type { ImportColumn } from './import-file';

/**
 * Cell values of an import file as spreadsheets hold them: codes in Spanish words or any case,
 * yes/no words, and dates in the organisation's local time (import-row.ts checks the rest).
 */

/** The states a historical case may arrive in: open and waiting, answered, or closed. */
export const IMPORT_STATES = ['radicada', 'respondida', 'cerrada'] as const;
export type ImportState = (typeof IMPORT_STATES)[number];

/** Words a spreadsheet may hold for a code (folded: lower case, no accents). */
const SPANISH_CODES: Record<string, string> = {
  correo: 'email',
  correo_electronico: 'email',
  telefono: 'phone',
  presencial: 'walk_in',
  ventanilla: 'walk_in',
  redes_sociales: 'social',
  espanol: 'es',
  ingles: 'en',
  radicado: 'radicada',
  respondido: 'respondida',
  cerrado: 'cerrada',
};
/** The codes a column takes (docs/import.md), named when a row gives another. */
export const CHOICES: Partial<Record<ImportColumn, readonly string[]>> = {
  tipo: CASE_TYPES,
  canal: CHANNELS,
  tipo_documento: DOCUMENT_TYPES,
  medio_respuesta: ['email', 'postal'],
  prioridad: PRIORITIES,
  idioma: LOCALES,
  estado: IMPORT_STATES,
  decision: DECISIONS,
  anonimo: ['sí', 'no'],
};
const TRUE_WORDS = new Set(['si', 's', 'x', '1', 'true', 'yes', 'y']);
const FALSE_WORDS = new Set(['no', 'n', '0', 'false']);

export const fold = (v: string) =>
  v
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
/** Codes repeat on every row (a few types, channels, states): each spelling is folded once. */
const codes = new Map<string, string>();

/** The code a cell names: folded, with the Spanish words mapped (`Teléfono` → `phone`). */
export function code(v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  let found = codes.get(v);
  if (found === undefined) {
    const folded = fold(v);
    found = SPANISH_CODES[folded] ?? folded;
    if (codes.size < 1000) codes.set(v, found);
  }
  return found;
}

export function flag(v: string | undefined): boolean | string | undefined {
  if (v === undefined) return undefined;
  const f = fold(v);
  return TRUE_WORDS.has(f) ? true : FALSE_WORDS.has(f) ? false : v;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;
const DMY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const HAS_ZONE = /(?:Z|[+-]\d{2}:?\d{2})$/;

/**
 * An instant from a cell: ISO 8601 with its offset, or a local date and time in the organisation's
 * zone (`AAAA-MM-DD[ HH:MM[:SS]]` or `DD/MM/AAAA[ HH:MM[:SS]]`, as Excel es-CO writes it).
 */
export function parseInstant(text: string, timeZone: string): Date | null {
  const s = text.trim();
  if (HAS_ZONE.test(s) && s.includes('T')) {
    const ms = Date.parse(s);
    return Number.isNaN(ms) ? null : new Date(ms);
  }
  const iso = DATE.exec(s);
  const dmy = iso ? null : DMY.exec(s);
  if (!iso && !dmy) return null;
  const [y, m, d, hh, mm, ss] = iso
    ? [iso[1], iso[2], iso[3], iso[4], iso[5], iso[6]]
    : [dmy![3], dmy![2]!.padStart(2, '0'), dmy![1]!.padStart(2, '0'), dmy![4], dmy![5], dmy![6]];
  const date = `${y}-${m}-${d}`;
  if (!isValidLocalDate(date)) return null;
  const [h, min, sec] = [Number(hh ?? 0), Number(mm ?? 0), Number(ss ?? 0)];
  if (h > 23 || min > 59 || sec > 59) return null;
  return new Date(startOfLocalDay(date, timeZone).getTime() + ((h * 60 + min) * 60 + sec) * 1000);
}
