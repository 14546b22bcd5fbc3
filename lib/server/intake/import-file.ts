import 'server-only';

/**
 * Reading an import file (docs/import.md): CSV as spreadsheets export it (a BOM, `;` or `,` or tab
 * between fields, quoted fields with doubled quotes and line breaks inside) or JSON (an array of
 * objects, or `{ "casos": [...] }`). Column names are Spanish, with English aliases; case, accents,
 * spaces and hyphens in them do not matter. The result is one record per row, keyed by the
 * canonical (Spanish) column name, with the row number a person sees in the spreadsheet.
 */

/** Canonical column → its accepted aliases (besides itself). */
export const IMPORT_COLUMNS = {
  id_origen: ['source_id', 'id'],
  radicado: ['filing_number'],
  tipo: ['type', 'type_code'],
  canal: ['channel'],
  fecha_radicacion: ['received_at', 'fecha'],
  asunto: ['subject'],
  descripcion: ['description'],
  prioridad: ['priority'],
  motivo_prioridad: ['priority_reason'],
  anonimo: ['anonymous', 'is_anonymous'],
  tipo_documento: ['document_type'],
  numero_documento: ['document_number', 'documento'],
  nombre: ['full_name', 'name'],
  correo: ['email'],
  telefono: ['phone'],
  direccion: ['address'],
  medio_respuesta: ['response_medium'],
  direccion_respuesta: ['response_address'],
  idioma: ['locale', 'language'],
  estado: ['state', 'status'],
  fecha_respuesta: ['answered_at'],
  decision: [],
  respuesta: ['answer'],
  fecha_cierre: ['closed_at'],
} as const satisfies Record<string, readonly string[]>;

export type ImportColumn = keyof typeof IMPORT_COLUMNS;
export const REQUIRED_COLUMNS: readonly ImportColumn[] = [
  'tipo',
  'canal',
  'fecha_radicacion',
  'asunto',
  'descripcion',
];

export interface RawRecord {
  /** 1-based, as the spreadsheet numbers it: the header is row 1, the first case row 2 (CSV). */
  row: number;
  values: Partial<Record<ImportColumn, string>>;
}

export type ImportFormat = 'csv' | 'json';

/** A problem with the file as a whole (no row to blame): nothing is imported. */
export class ImportFileError extends Error {}

const fold = (name: string) =>
  name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

const COLUMN_BY_NAME = new Map<string, ImportColumn>(
  (Object.entries(IMPORT_COLUMNS) as [ImportColumn, readonly string[]][]).flatMap(
    ([column, aliases]) => [column, ...aliases].map((name) => [fold(name), column] as const),
  ),
);

function columnOf(name: string): ImportColumn {
  const column = COLUMN_BY_NAME.get(fold(name));
  if (!column) throw new ImportFileError(`columna desconocida: «${name}»`);
  return column;
}

/** A header's columns; an unknown, repeated or missing required column refuses the file. */
function columnsOf(names: readonly string[]): ImportColumn[] {
  const seen = new Set<ImportColumn>();
  const columns = names.map((name) => {
    const column = columnOf(name);
    if (seen.has(column)) throw new ImportFileError(`columna repetida: «${name}» (${column})`);
    seen.add(column);
    return column;
  });
  const missing = REQUIRED_COLUMNS.filter((c) => !seen.has(c));
  if (missing.length > 0) throw new ImportFileError(`faltan columnas: ${missing.join(', ')}`);
  return columns;
}

/** The separator a header line uses: the most frequent of `;`, `,` and tab outside quotes. */
function separatorOf(text: string): string {
  const counts = new Map([
    [';', 0],
    [',', 0],
    ['\t', 0],
  ]);
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]![0];
}

/** The end of an unquoted run: the next separator or line break at or after `from`. */
function runEnd(text: string, from: number, sep: number): number {
  let i = from;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === sep || c === 10 || c === 13) break;
  }
  return i;
}

/**
 * RFC 4180 records with the separator the header uses. Fields are sliced, not built a character
 * at a time: a 200,000-row file parses in well under a second.
 */
export function parseCsv(input: string): string[][] {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const sep = separatorOf(text).charCodeAt(0);
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field: string;
    if (text.charCodeAt(i) === 34) {
      // Quoted: up to the quote not followed by another; "" inside stands for one quote.
      let close = text.indexOf('"', i + 1);
      while (close !== -1 && text.charCodeAt(close + 1) === 34)
        close = text.indexOf('"', close + 2);
      if (close === -1)
        throw new ImportFileError('el archivo termina dentro de un campo entre comillas');
      field = text.slice(i + 1, close).replaceAll('""', '"');
      // Anything between the closing quote and the separator is kept, as spreadsheets do.
      const end = runEnd(text, close + 1, sep);
      field += text.slice(close + 1, end);
      i = end;
    } else {
      const end = runEnd(text, i, sep);
      field = text.slice(i, end);
      i = end;
    }
    record.push(field);
    const c = text.charCodeAt(i);
    if (c === sep) {
      i++;
      // A separator at the very end still closes an empty last field.
      if (i === text.length) record.push('');
      continue;
    }
    i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
    // A blank line (one empty field) is no record.
    if (record.length > 1 || record[0] !== '') records.push(record);
    record = [];
  }
  if (record.length > 0 && (record.length > 1 || record[0] !== '')) records.push(record);
  return records;
}

function readCsv(text: string): RawRecord[] {
  const [header, ...rows] = parseCsv(text);
  if (!header) throw new ImportFileError('el archivo está vacío');
  const columns = columnsOf(header);
  return rows.map((cells, index) => {
    if (cells.length > columns.length && cells.slice(columns.length).some((c) => c.trim())) {
      throw new ImportFileError(
        `la fila ${index + 2} tiene ${cells.length} campos y el encabezado ${columns.length}`,
      );
    }
    const values: RawRecord['values'] = {};
    columns.forEach((column, c) => {
      const cell = cells[c];
      if (cell !== undefined && cell.trim() !== '') values[column] = cell;
    });
    return { row: index + 2, values };
  });
}

function readJson(text: string): RawRecord[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    throw new ImportFileError('el archivo no es JSON válido');
  }
  const list =
    parsed && typeof parsed === 'object' && 'casos' in parsed
      ? (parsed as { casos: unknown }).casos
      : parsed;
  if (!Array.isArray(list)) throw new ImportFileError('se esperaba una lista de casos');
  return list.map((item, index) => {
    if (!item || typeof item !== 'object' || Array.isArray(item)) {
      throw new ImportFileError(`el elemento ${index + 1} no es un objeto`);
    }
    // A missing field is the row's error (required), not the file's.
    const values: RawRecord['values'] = {};
    for (const [name, value] of Object.entries(item as Record<string, unknown>)) {
      const column = columnOf(name);
      if (value === null || value === undefined || value === '') continue;
      values[column] = typeof value === 'string' ? value : JSON.stringify(value);
    }
    return { row: index + 1, values };
  });
}

/** The file's rows, or ImportFileError when the file itself cannot be read as an import. */
export function readImportFile(text: string, format: ImportFormat): RawRecord[] {
  return format === 'json' ? readJson(text) : readCsv(text);
}
