import 'server-only';
import { z } from 'zod';
import { toLocalDate } from '@/lib/domain/calendar';
import { DECISIONS, type Decision, type Locale } from '@/lib/domain/enums';
import { parseRadicado } from '@/lib/domain/radicado';
import { CaseFilingSchema, type CaseFiling } from '@/lib/validation/case-filing';
import { collectFieldErrors, type FieldErrorKeys } from '@/lib/validation/issues';
import type { Translate } from '../core/failure';
import { serverTranslator } from '../notices/translator';
import type { ImportColumn, RawRecord } from './import-file';
import {
  CHOICES,
  code,
  flag,
  IMPORT_STATES,
  parseInstant,
  type ImportState,
} from './import-values';

/**
 * One row of an import file checked by the same schema as any filing (CaseFilingSchema), plus what
 * only history has: the source's id and radicado, the date it was filed, and whether and when it
 * was answered and closed. Errors name the file's row and column, in the petitioner-facing words of
 * the `validation` catalogue.
 */

export interface ImportRow {
  row: number;
  filing: CaseFiling;
  sourceId: string | null;
  /** The radicado the row carried, upper-cased; kept when well-formed and unused. */
  radicado: string | null;
  receivedAt: Date;
  state: ImportState;
  answeredAt: Date | null;
  decision: Decision | null;
  answer: string | null;
  closedAt: Date | null;
}

export interface RowError {
  row: number;
  field: string;
  message: string;
}

/** Where each filing field came from in the file. */
const FILING_COLUMNS: Record<string, ImportColumn> = {
  typeCode: 'tipo',
  channel: 'canal',
  subject: 'asunto',
  description: 'descripcion',
  isAnonymous: 'anonimo',
  customer: 'numero_documento',
  'customer.documentType': 'tipo_documento',
  'customer.documentNumber': 'numero_documento',
  'customer.fullName': 'nombre',
  'customer.email': 'correo',
  'customer.phone': 'telefono',
  'customer.address': 'direccion',
  responseMedium: 'medio_respuesta',
  responseAddress: 'direccion_respuesta',
  priority: 'prioridad',
  priorityReason: 'motivo_prioridad',
  locale: 'idioma',
};

function historySchema(timeZone: string, now: Date) {
  const instant = (required: boolean) =>
    z
      .string()
      .optional()
      .transform((v, ctx) => {
        if (v === undefined) {
          if (required) ctx.addIssue({ code: 'custom', message: 'required' });
          return null;
        }
        const at = parseInstant(v, timeZone);
        if (!at) ctx.addIssue({ code: 'custom', message: 'importDate' });
        else if (at > now) ctx.addIssue({ code: 'custom', message: 'importFuture' });
        return at;
      });
  return z
    .object({
      id_origen: z.string().trim().max(100, { error: 'tooLong' }).optional(),
      radicado: z.string().trim().max(40, { error: 'tooLong' }).optional(),
      fecha_radicacion: instant(true),
      estado: z.enum(IMPORT_STATES, { error: 'invalid' }).optional(),
      fecha_respuesta: instant(false),
      decision: z.enum(DECISIONS, { error: 'invalid' }).optional(),
      respuesta: z.string().trim().max(20_000, { error: 'tooLong' }).optional(),
      fecha_cierre: instant(false),
    })
    .superRefine((v, ctx) => {
      const issue = (path: ImportColumn, message: string) =>
        ctx.addIssue({ code: 'custom', path: [path], message });
      if (!v.id_origen && !v.radicado) issue('id_origen', 'importKey');
      const received = v.fecha_radicacion;
      if (received && v.fecha_respuesta && v.fecha_respuesta < received) {
        issue('fecha_respuesta', 'importBeforeFiling');
      }
      const answered = v.fecha_respuesta ?? received;
      if (answered && v.fecha_cierre && v.fecha_cierre < answered) {
        issue('fecha_cierre', v.fecha_respuesta ? 'importBeforeAnswer' : 'importBeforeFiling');
      }
      const state = stateOf(v);
      if (state === 'radicada' && (v.fecha_respuesta || v.fecha_cierre || v.decision)) {
        issue('estado', 'importStateDates');
      }
      if (state === 'respondida' && v.fecha_cierre) issue('estado', 'importStateDates');
      if (state !== 'radicada' && !v.fecha_respuesta) issue('fecha_respuesta', 'required');
      if (state !== 'radicada' && !v.decision) issue('decision', 'required');
      if (state === 'cerrada' && !v.fecha_cierre) issue('fecha_cierre', 'required');
    });
}

/** The state a row names, or the one its dates imply. */
function stateOf(v: {
  estado?: ImportState;
  fecha_respuesta: Date | null;
  fecha_cierre: Date | null;
}): ImportState {
  return v.estado ?? (v.fecha_cierre ? 'cerrada' : v.fecha_respuesta ? 'respondida' : 'radicada');
}

/** What the filing schema reads, from the row's cells (an empty cell is an absent field). */
function filingInput(v: RawRecord['values']) {
  const isAnonymous = flag(v.anonimo);
  const hasIdentity = Boolean(v.tipo_documento || v.numero_documento || v.nombre);
  const medium = code(v.medio_respuesta);
  return {
    typeCode: v.tipo?.trim().toUpperCase(),
    channel: code(v.canal),
    subject: v.asunto,
    description: v.descripcion,
    isAnonymous,
    customer:
      hasIdentity && isAnonymous !== true
        ? {
            documentType: v.tipo_documento?.trim().toUpperCase(),
            documentNumber: v.numero_documento,
            fullName: v.nombre,
            email: v.correo,
            phone: v.telefono,
            address: v.direccion,
          }
        : undefined,
    responseMedium: medium,
    // Someone known only by the address they wrote from is answered there (identity pending).
    responseAddress:
      v.direccion_respuesta ??
      (!hasIdentity && (medium ?? 'email') === 'email' ? v.correo : undefined),
    // They consented when they filed in the source system; the consent row records it.
    hasConsent: true,
    priority: code(v.prioridad),
    priorityReason: v.motivo_prioridad,
    locale: code(v.idioma),
  };
}

export interface RowChecker {
  check(record: RawRecord): { ok: true; row: ImportRow } | { ok: false; errors: RowError[] };
  /** A message of the `validation` catalogue for a row error found later (duplicates, catalogue). */
  error(
    row: number,
    field: ImportColumn,
    key: string,
    params?: Record<string, string | number>,
  ): RowError;
}

export function rowChecker(options: { timeZone: string; now: Date; locale?: Locale }): RowChecker {
  const t = serverTranslator(options.locale ?? 'es') as unknown as Translate;
  const history = historySchema(options.timeZone, options.now);
  const say = (key: string, params: Record<string, string | number>) =>
    t.has(`validation.${key}`) ? t(`validation.${key}`, params) : t('validation.invalid');
  const errorsOf = (record: RawRecord, keyed: FieldErrorKeys, columns: Record<string, string>) =>
    Object.entries(keyed).flatMap(([path, list]) => {
      const field = (columns[path] ?? path) as ImportColumn;
      const value = record.values[field];
      return list.map((e) => {
        // A code the catalogue does not have: name the codes it has.
        const choices = CHOICES[field];
        const message =
          value !== undefined && choices && (e.key === 'required' || e.key === 'invalid')
            ? say('importChoice', { value, choices: choices.join(', ') })
            : say(e.key, e.params);
        return { row: record.row, field, message };
      });
    });
  return {
    check(record) {
      const v = record.values;
      const filing = CaseFilingSchema.safeParse(filingInput(v));
      const past = history.safeParse({
        id_origen: v.id_origen,
        radicado: v.radicado,
        fecha_radicacion: v.fecha_radicacion,
        estado: code(v.estado),
        fecha_respuesta: v.fecha_respuesta,
        decision: code(v.decision),
        respuesta: v.respuesta,
        fecha_cierre: v.fecha_cierre,
      });
      if (!filing.success || !past.success) {
        return {
          ok: false,
          errors: [
            ...(filing.success
              ? []
              : errorsOf(record, collectFieldErrors(filing.error), FILING_COLUMNS)),
            ...(past.success ? [] : errorsOf(record, collectFieldErrors(past.error), {})),
          ],
        };
      }
      const h = past.data;
      const radicado = h.radicado ? h.radicado.toUpperCase() : null;
      return {
        ok: true,
        row: {
          row: record.row,
          filing: filing.data,
          sourceId: h.id_origen ?? null,
          radicado,
          receivedAt: h.fecha_radicacion!,
          state: stateOf(h),
          answeredAt: h.fecha_respuesta,
          decision: h.decision ?? null,
          answer: h.respuesta ?? null,
          closedAt: h.fecha_cierre,
        },
      };
    },
    error: (row, field, key, params = {}) => ({ row, field, message: say(key, params) }),
  };
}

/** A well-formed radicado (domain/radicado.ts), or null. */
export function radicadoParts(radicado: string | null) {
  return radicado === null ? null : parseRadicado(radicado);
}

/** The local year a filing date falls in (its radicado's year). */
export const yearOf = (at: Date, timeZone: string): number =>
  Number(toLocalDate(at, timeZone).slice(0, 4));
