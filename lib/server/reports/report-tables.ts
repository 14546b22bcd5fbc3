import 'server-only';
import type { CsvCell } from '../core/csv';
import type { PqrsReport, ReportFigures } from './pqrs-report';
import type { ReportLabels } from './report-labels';

/**
 * The report's sections as plain tables (label + raw values): the page shows them under its charts
 * and the CSV is the same tables flattened, so the two can never disagree.
 */
export const REPORT_SECTIONS = [
  'received',
  'answers',
  'time',
  'outcomes',
  'open',
  'causes',
  'problems',
] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];

export type TableValue = string | number | null;

export interface ReportColumn {
  key: string;
  label: string;
  /** Numbers are right-aligned and formatted; 'percent' and 'days' say how. */
  kind?: 'count' | 'percent' | 'days';
}

export interface ReportTable {
  key: ReportSection;
  title: string;
  columns: ReportColumn[];
  /** The first value of each row names it (a type, "Total", a cause, a problem). */
  rows: TableValue[][];
  /** The last row is the total of the others (left out of the chart). */
  hasTotalRow: boolean;
}

/** 0–100 with one decimal; null when there is nothing to divide by. */
export function percent(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 1000) / 10;
}

/** One row per type present, then the total. */
function perType(
  report: PqrsReport,
  labels: ReportLabels,
  pick: (f: ReportFigures) => TableValue[],
): TableValue[][] {
  return [
    ...report.byType.map((f) => [labels.type(f.typeCode), ...pick(f)]),
    [labels.t('total'), ...pick(report.total)],
  ];
}

export function causeLabel(
  row: { processName: string | null; rootCauseName: string | null },
  labels: ReportLabels,
): string {
  if (row.processName === null && row.rootCauseName === null) return labels.t('unclassified');
  return `${row.processName ?? labels.t('noProcess')} › ${row.rootCauseName ?? labels.t('noCause')}`;
}

export function reportTables(report: PqrsReport, labels: ReportLabels): ReportTable[] {
  const { t } = labels;
  const col = (key: string, kind: ReportColumn['kind'] = 'count'): ReportColumn => ({
    key,
    label: t(`columns.${key}`),
    kind,
  });
  const typeColumn: ReportColumn = { key: 'type', label: t('columns.type') };
  const cell = (type: string, channel: string) =>
    report.received.find((r) => r.typeCode === type && r.channel === channel)?.count ?? 0;
  const channelTotal = (channel: string) =>
    report.received.filter((r) => r.channel === channel).reduce((n, r) => n + r.count, 0);
  return [
    {
      key: 'received',
      hasTotalRow: true,
      title: t('sections.received.title'),
      columns: [
        typeColumn,
        ...report.channels.map((c) => ({
          key: c,
          label: labels.channel(c),
          kind: 'count' as const,
        })),
        col('total'),
      ],
      rows: [
        ...report.byType.map((f) => [
          labels.type(f.typeCode),
          ...report.channels.map((c) => cell(f.typeCode, c)),
          f.received,
        ]),
        [t('total'), ...report.channels.map(channelTotal), report.total.received],
      ],
    },
    {
      key: 'answers',
      hasTotalRow: true,
      title: t('sections.answers.title'),
      columns: [
        typeColumn,
        col('received'),
        col('onTime'),
        col('late'),
        col('awaitingDelivery'),
        col('answeredNoTerm'),
        col('unanswered'),
        col('onTimeShare', 'percent'),
      ],
      rows: perType(report, labels, (f) => [
        f.received,
        f.onTime,
        f.late,
        f.awaitingDelivery,
        f.answeredNoTerm,
        f.received - f.answered,
        percent(f.onTime, f.onTime + f.late),
      ]),
    },
    {
      key: 'time',
      hasTotalRow: true,
      title: t('sections.time.title'),
      columns: [typeColumn, col('answered'), col('averageBusinessDays', 'days')],
      rows: perType(report, labels, (f) => [f.answered, f.averageBusinessDays]),
    },
    {
      key: 'outcomes',
      hasTotalRow: true,
      title: t('sections.outcomes.title'),
      columns: [typeColumn, col('transferred'), col('withdrawn'), col('denied'), col('merged')],
      rows: perType(report, labels, (f) => [f.transferred, f.withdrawn, f.denied, f.merged]),
    },
    {
      key: 'open',
      hasTotalRow: true,
      title: t('sections.open.title'),
      columns: [typeColumn, col('pendingAtEnd'), col('openNow'), col('overdueNow')],
      rows: perType(report, labels, (f) => [f.pendingAtEnd, f.openNow, f.overdueNow]),
    },
    {
      key: 'causes',
      hasTotalRow: false,
      title: t('sections.causes.title'),
      columns: [
        { key: 'cause', label: t('columns.cause') },
        col('complaints'),
        col('share', 'percent'),
      ],
      rows: report.causes.map((c) => [
        causeLabel(c, labels),
        c.count,
        percent(c.count, report.complaints),
      ]),
    },
    {
      key: 'problems',
      hasTotalRow: false,
      title: t('sections.problems.title'),
      columns: [
        { key: 'problem', label: t('columns.problem') },
        { key: 'status', label: t('columns.status') },
        { key: 'correctiveAction', label: t('columns.correctiveAction') },
        { key: 'owner', label: t('columns.owner') },
        { key: 'cause', label: t('columns.cause') },
        col('linkedCases'),
      ],
      rows: report.problems.map((p) => [
        p.title,
        labels.problemStatus(p.status),
        p.correctiveAction || null,
        p.ownerName,
        p.processName === null && p.rootCauseName === null ? null : causeLabel(p, labels),
        p.linkedCases,
      ]),
    },
  ];
}

/** What the report was run on, as the CSV's first rows and the printed heading say it. */
export interface ReportContext {
  organization: string;
  from: string;
  to: string;
  team: string | null;
  type: string | null;
  channel: string | null;
  generatedAt: string;
}

/** The CSV's columns: section, dimension (row), measure (column), value. */
export function reportCsvHeader(labels: ReportLabels): string[] {
  return ['section', 'dimension', 'measure', 'value'].map((k) => labels.t(`csv.${k}`));
}

/** Every table flattened to one row per figure, after the report's context. */
export function reportCsvRows(
  tables: readonly ReportTable[],
  context: ReportContext,
  labels: ReportLabels,
): CsvCell[][] {
  const { t } = labels;
  const all = t('csv.all');
  const meta: [string, string | null][] = [
    ['organization', context.organization],
    ['from', context.from],
    ['to', context.to],
    ['team', context.team ?? all],
    ['type', context.type ?? all],
    ['channel', context.channel ?? all],
    ['generatedAt', context.generatedAt],
  ];
  return [
    ...meta.map(([key, value]) => [t('csv.report'), t(`csv.${key}`), '', value]),
    ...tables.flatMap((table) =>
      table.rows.flatMap((row) =>
        table.columns.slice(1).map((column, i) => [table.title, row[0], column.label, row[i + 1]]),
      ),
    ),
  ];
}
