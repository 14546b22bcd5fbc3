import 'server-only';
import type { Locale } from '@/lib/domain/enums';
import supervisionEn from '@/lib/i18n/messages/supervision.en.json';
import supervisionEs from '@/lib/i18n/messages/supervision.es.json';
import { serverTranslator } from '../notices/translator';
import type { Conn } from '@/db/client';
import * as pgDrillDown from '@/db/pg/drill-down';
import { drillDownExportRows } from '@/db/pg/export-streams';
import { isPg, pgQueryable } from '@/db/pg/transactions';
import * as liteDrillDown from '@/db/sql/drill-down';
import type { DrillDownRow } from '@/db/sql/drill-down';
import { localInstant, sqlCsvResponse, type CsvCell } from '../core/csv';
import type { SqlFilter } from './filters';

/**
 * The cases behind a figure ("late but well treated", "Facturación complaints", "overdue for
 * Ana" …), one list and one CSV for every supervisor view. A view passes its filter (see
 * caseFilterSql) plus its own extra condition on `c` (cases) — always with bound parameters.
 */
export type { DrillDownRow };

export const DRILL_DOWN_PAGE_SIZE = 50;

function whereOf(filter: SqlFilter, extra?: SqlFilter): SqlFilter {
  if (!extra?.where) return filter;
  return {
    where: `${filter.where} AND (${extra.where})`,
    params: [...filter.params, ...extra.params],
  };
}

/** One page (newest first) and the total. */
export async function listDrillDown(
  db: Conn,
  filter: SqlFilter,
  extra: SqlFilter | undefined,
  page: number,
): Promise<{ rows: DrillDownRow[]; total: number; page: number; pageCount: number }> {
  const where = whereOf(filter, extra);
  const total = isPg(db)
    ? await pgDrillDown.countDrillDown(pgQueryable(db), where)
    : await liteDrillDown.countDrillDown(db, where);
  const pageCount = Math.max(1, Math.ceil(total / DRILL_DOWN_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pageCount);
  const offset = (current - 1) * DRILL_DOWN_PAGE_SIZE;
  const rows = isPg(db)
    ? await pgDrillDown.drillDownPage(pgQueryable(db), where, DRILL_DOWN_PAGE_SIZE, offset)
    : await liteDrillDown.drillDownPage(db, where, DRILL_DOWN_PAGE_SIZE, offset);
  return { rows, total, page: current, pageCount };
}

/** Column headers of the drill-down CSV, in the user's language (the caller translates). */
export const DRILL_DOWN_CSV_COLUMNS = [
  'radicado',
  'type',
  'channel',
  'state',
  'subject',
  'receivedAt',
  'dueDate',
  'firstAnsweredAt',
  'answeredOnTime',
  'answerBusinessDays',
  'reopenCount',
  'repeatContactCount',
  'assignee',
  'team',
  'process',
  'rootCause',
] as const;

/**
 * What a person reads in the CSV (issue 17 §2): column names, types, channels and states by their
 * labels, yes and no, in the reader's language; instants as local date and time in the
 * organisation's zone ("2026-12-05 18:47", which spreadsheets read as a date).
 */
export interface DrillDownCsvText {
  header: readonly string[];
  type: (code: string) => string;
  channel: (code: string) => string;
  state: (code: string) => string;
  yes: string;
  no: string;
  timeZone: string;
}

const CSV_WORDS = { es: supervisionEs, en: supervisionEn } as const;

/** The CSV's words in `locale` (the reader's language, as the route knows it). */
export function drillDownCsvText(locale: Locale, timeZone: string): DrillDownCsvText {
  const t = serverTranslator(locale);
  const words = CSV_WORDS[locale].supervision.drillDown;
  return {
    header: DRILL_DOWN_CSV_COLUMNS.map((c) => words.csvColumns[c]),
    type: (code) => t(`types.${code as 'P'}`),
    channel: (code) => t(`channels.${code as 'web'}`),
    state: (code) => t(`states.${code as 'radicada'}`),
    yes: words.csvValues.yes,
    no: words.csvValues.no,
    timeZone,
  };
}

/** Every case of the drill-down as a streamed CSV (a million rows keep memory flat). */
export function drillDownCsv(
  db: Conn,
  filename: string,
  text: DrillDownCsvText,
  filter: SqlFilter,
  extra?: SqlFilter,
): Response {
  const { where, params } = whereOf(filter, extra);
  return sqlCsvResponse(
    db,
    filename,
    text.header,
    {
      sqlite: { sql: liteDrillDown.drillDownExportSql(where), params },
      pg: (pool) => drillDownExportRows(pool, { where, params }),
    },
    (raw): readonly CsvCell[] => {
      const r = raw as unknown as DrillDownRow;
      return [
        r.radicado,
        text.type(r.typeCode),
        text.channel(r.channel),
        text.state(r.state),
        r.subject,
        localInstant(r.receivedAt, text.timeZone),
        r.dueDate,
        localInstant(r.firstAnsweredAt, text.timeZone),
        r.answeredOnTime === null ? null : r.answeredOnTime === 1 ? text.yes : text.no,
        r.answerBusinessDays,
        r.reopenCount,
        r.repeatContactCount,
        r.assigneeName,
        r.teamName,
        r.processName,
        r.rootCauseName,
      ];
    },
  );
}
