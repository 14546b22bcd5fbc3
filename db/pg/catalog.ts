import type Database from 'better-sqlite3';
import type pg from 'pg';

/**
 * What a database's own catalog says its tables are, in one shape for both engines, so a test can
 * hold the PostgreSQL migrations against the SQLite ones: the schemas an installation really runs,
 * not the TypeScript that describes them.
 */
export interface TableShape {
  /** Each column's storage class as SQLite names it (PostgreSQL's bigint, boolean and timestamptz
   * are SQLite's integer; its json is SQLite's text), whether it may be null and has a default. */
  columns: Record<string, { type: string; notNull: boolean; hasDefault: boolean }>;
  primaryKey: string[];
  /** The names of the indexes that are not unique (those are compared by their columns). */
  indexes: string[];
  /** Column sets that are unique, each as "a,b" (constraints and unique indexes alike). */
  uniqueColumns: string[];
  /** "column → table.column" for each foreign key. */
  foreignKeys: string[];
}

export type Catalog = Record<string, TableShape>;

/** Tables one engine has and the other must not: SQLite's full-text index and its own records. */
const ENGINE_OWN = /^(case_search|case_search_terms)(_.*)?$|^sqlite_|^__drizzle/;

export function sqliteCatalog(db: Database.Database): Catalog {
  const tables = db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)
    .pluck()
    .all() as string[];
  const catalog: Catalog = {};
  for (const table of tables.filter((name) => !ENGINE_OWN.test(name))) {
    const info = db.prepare(`PRAGMA table_info("${table}")`).all() as {
      name: string;
      type: string;
      notnull: number;
      dflt_value: string | null;
      pk: number;
    }[];
    const indexes = db.prepare(`PRAGMA index_list("${table}")`).all() as {
      name: string;
      unique: number;
      origin: string;
    }[];
    const fks = db.prepare(`PRAGMA foreign_key_list("${table}")`).all() as {
      table: string;
      from: string;
      to: string;
    }[];
    const indexColumns = (name: string) =>
      (db.prepare(`PRAGMA index_info("${name}")`).all() as { name: string | null }[]).map(
        (c) => c.name ?? '(expr)',
      );
    catalog[table] = {
      columns: Object.fromEntries(
        info.map((c) => [
          c.name,
          // An INTEGER PRIMARY KEY is never null in SQLite though its catalog does not say so.
          {
            type: c.type.toLowerCase(),
            notNull: c.notnull === 1 || c.pk > 0,
            hasDefault: c.dflt_value !== null,
          },
        ]),
      ),
      primaryKey: info
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => c.name),
      indexes: indexes
        .filter((i) => i.origin === 'c' && i.unique === 0)
        .map((i) => i.name)
        .sort(),
      uniqueColumns: indexes
        .filter((i) => i.unique === 1 && i.origin !== 'pk')
        .map((i) => indexColumns(i.name).join(','))
        .sort(),
      foreignKeys: fks.map((f) => `${f.from} → ${f.table}.${f.to}`).sort(),
    };
  }
  return catalog;
}

const SQLITE_CLASS: Record<string, string> = {
  text: 'text',
  json: 'text',
  bigint: 'integer',
  boolean: 'integer',
  'timestamp with time zone': 'integer',
};

export async function pgCatalog(client: pg.Pool | pg.Client): Promise<Catalog> {
  const rows = async <T>(text: string) => (await client.query(text)).rows as T[];
  const columns = await rows<{
    table_name: string;
    column_name: string;
    data_type: string;
    is_nullable: string;
    column_default: string | null;
  }>(
    `SELECT table_name, column_name, data_type, is_nullable, column_default
       FROM information_schema.columns WHERE table_schema = 'public' ORDER BY ordinal_position`,
  );
  const constraints = await rows<{
    table_name: string;
    kind: string;
    columns: string[];
    foreign_table: string | null;
    foreign_columns: string[] | null;
  }>(
    `SELECT t.relname AS table_name, c.contype AS kind,
            ARRAY(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(n, o)
                    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n
                   ORDER BY k.o)::text[] AS columns,
            f.relname AS foreign_table,
            ARRAY(SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY k(n, o)
                    JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n
                   ORDER BY k.o)::text[] AS foreign_columns
       FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
       LEFT JOIN pg_class f ON f.oid = c.confrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'`,
  );
  const indexes = await rows<{
    table_name: string;
    index_name: string;
    unique: boolean;
    constraint: boolean;
    columns: string[];
  }>(
    `SELECT t.relname AS table_name, i.relname AS index_name, x.indisunique AS unique,
            EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.oid) AS constraint,
            ARRAY(SELECT COALESCE(a.attname, '(expr)') FROM unnest(x.indkey) WITH ORDINALITY k(n, o)
                    LEFT JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.n
                   ORDER BY k.o)::text[] AS columns
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'`,
  );
  const catalog: Catalog = {};
  const shape = (table: string) =>
    (catalog[table] ??= {
      columns: {},
      primaryKey: [],
      indexes: [],
      uniqueColumns: [],
      foreignKeys: [],
    });
  for (const c of columns) {
    if (ENGINE_OWN.test(c.table_name)) continue;
    shape(c.table_name).columns[c.column_name] = {
      type: SQLITE_CLASS[c.data_type] ?? c.data_type,
      notNull: c.is_nullable === 'NO',
      // An identity column is SQLite's AUTOINCREMENT, which its catalog shows without a default.
      hasDefault: c.column_default !== null,
    };
  }
  for (const c of constraints) {
    if (ENGINE_OWN.test(c.table_name)) continue;
    if (c.kind === 'p') shape(c.table_name).primaryKey = c.columns;
    if (c.kind === 'u') shape(c.table_name).uniqueColumns.push(c.columns.join(','));
    if (c.kind === 'f')
      shape(c.table_name).foreignKeys.push(
        `${c.columns[0]} → ${c.foreign_table}.${c.foreign_columns![0]}`,
      );
  }
  for (const i of indexes) {
    if (ENGINE_OWN.test(i.table_name) || i.constraint) continue;
    if (i.unique) shape(i.table_name).uniqueColumns.push(i.columns.join(','));
    else shape(i.table_name).indexes.push(i.index_name);
  }
  for (const table of Object.values(catalog)) {
    table.indexes.sort();
    table.uniqueColumns.sort();
    table.foreignKeys.sort();
  }
  return catalog;
}
