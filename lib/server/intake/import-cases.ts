import 'server-only';
import { z } from 'zod';
import type { Conn, Db } from '@/db/client';
import * as pgImport from '@/db/pg/import';
import { isPg, pgQueryable } from '@/db/pg/transactions';
import * as liteImport from '@/db/sql/import';
import { indexCasesFrom, maxCaseId, suspendSearchTriggers } from '@/db/sql/search';
import { withTransaction, type Ctx } from '../core/context';
import { AppError } from '../core/errors';
import { requireRole } from '../core/guard';
import { getOrganization } from '../core/organization';
import { parseInput } from '../core/parse';
import { ImportFileError, readImportFile } from './import-file';
import { radicadoParts, rowChecker, type ImportRow, type RowError } from './import-row';
import { catalogueRefusal, loadImportSetting } from './import-setting';
import { writeBatch, type WrittenCase } from './import-write';

/**
 * `npm run import`: historical cases from a CSV or JSON file (docs/import.md), through the rules of
 * filing, in batches of one transaction each.
 *
 * Bad rows are reported (row, column, message) and skipped; the good ones load. That is the
 * default because a migration is iterative: one mistyped date among 200,000 rows should not hold
 * back the rest, and since a re-run skips what is already in, fixing the reported rows and running
 * the same file again loads exactly them. `strict` refuses the whole file when any row is bad.
 * Every row is checked before the first write, so a refused file writes nothing, and a row never
 * half-writes: a batch commits whole or not at all.
 *
 * Idempotent: a row whose source id (or, without one, radicado) an earlier import loaded is
 * skipped. On SQLite, loads of many rows run without the search triggers and index the new cases
 * at the end; PostgreSQL's triggers keep its index row by row (db/pg/migrations/0001_case_search.sql).
 */

// Each engine's statements (db/sql/import.ts, db/pg/import.ts).
const importedCases = async (db: Conn) =>
  isPg(db) ? await pgImport.importedCases(pgQueryable(db)) : liteImport.importedCases(db);
const raiseSequence = async (db: Conn, prefix: string, year: number, seq: number) =>
  isPg(db)
    ? await pgImport.raiseSequence(pgQueryable(db), prefix, year, seq)
    : liteImport.raiseSequence(db, prefix, year, seq);
/** SQLite's page cache is enlarged for the load; PostgreSQL's shared buffers are the server's. */
const withImportCache = <T>(db: Conn, load: () => Promise<T>) =>
  isPg(db) ? load() : liteImport.withImportCache(db, load);

export const ImportInputSchema = z.object({
  content: z.string({ error: 'required' }),
  format: z.enum(['csv', 'json'], { error: 'invalid' }),
  dryRun: z.boolean().default(false),
  strict: z.boolean().default(false),
  batchSize: z.number({ error: 'invalid' }).int().min(1).max(50_000).default(1000),
  /** Send each still-open imported case's constancia (history is normally not re-acknowledged). */
  sendConstancias: z.boolean().default(false),
});
export type ImportInput = z.input<typeof ImportInputSchema>;

/** From this many rows on, the search index is fed once at the end instead of row by row. */
export const BULK_INDEX_ROWS = 5_000;

export interface ImportReport {
  rows: number;
  imported: number;
  /** Already loaded by an earlier import (by source id or radicado). */
  skipped: number;
  rejected: number;
  errors: RowError[];
  /** Rows whose radicado could not be kept, with the one they got. */
  renumbered: { row: number; given: string; radicado: string }[];
  /** True when nothing was written: a dry run, or a strict run with errors. */
  wroteNothing: boolean;
  seconds: number;
}

interface Plan {
  toWrite: ImportRow[];
  skipped: number;
  errors: RowError[];
  /** Radicados that may be kept: well-formed, unused, once in the file. */
  keepable: Set<string>;
}

/** Every row checked, and sorted into to-write, already-imported and rejected. */
async function plan(ctx: Ctx, content: string, format: 'csv' | 'json'): Promise<Plan> {
  let records;
  try {
    records = readImportFile(content, format);
  } catch (error) {
    if (!(error instanceof ImportFileError)) throw error;
    throw new AppError('VALIDATION', error.message, { fieldErrors: { archivo: ['invalid'] } });
  }
  const { timeZone } = await getOrganization(ctx.db);
  const checker = rowChecker({ timeZone, now: ctx.now });
  const setting = await loadImportSetting(ctx.db, ctx.now, { role: 'system', id: null }, false);
  const earlier = await importedCases(ctx.db);
  const bySource = new Set(earlier.flatMap((e) => (e.sourceId === null ? [] : [e.sourceId])));
  const byRadicado = new Set(earlier.flatMap((e) => (e.radicado === null ? [] : [e.radicado])));
  const seenSource = new Map<string, number>();
  const seenRadicado = new Map<string, number>();
  const out: Plan = { toWrite: [], skipped: 0, errors: [], keepable: new Set() };
  for (const record of records) {
    const checked = checker.check(record);
    if (!checked.ok) {
      out.errors.push(...checked.errors);
      continue;
    }
    const row = checked.row;
    const isDone =
      row.sourceId !== null ? bySource.has(row.sourceId) : byRadicado.has(row.radicado!);
    if (isDone) {
      out.skipped++;
      continue;
    }
    const twin =
      (row.sourceId !== null ? seenSource.get(row.sourceId) : undefined) ??
      (row.radicado !== null ? seenRadicado.get(row.radicado) : undefined);
    if (twin !== undefined) {
      const field =
        row.sourceId !== null && seenSource.has(row.sourceId) ? 'id_origen' : 'radicado';
      out.errors.push(checker.error(row.row, field, 'importDuplicate', { row: twin }));
      continue;
    }
    const refusal = catalogueRefusal(setting, row);
    if (refusal) {
      out.errors.push(checker.error(row.row, refusal[0], refusal[1]));
      continue;
    }
    if (row.sourceId !== null) seenSource.set(row.sourceId, row.row);
    if (row.radicado !== null) seenRadicado.set(row.radicado, row.row);
    out.toWrite.push(row);
  }
  for (const row of out.toWrite) {
    if (row.radicado !== null && radicadoParts(row.radicado)) out.keepable.add(row.radicado);
  }
  return out;
}

export async function importCases(
  ctx: Ctx,
  input: unknown,
  extras: {
    onProgress?: (written: number, total: number) => void;
    /** From this many rows on, index once at the end (BULK_INDEX_ROWS; tests lower it). */
    bulkIndexRows?: number;
  } = {},
): Promise<ImportReport> {
  requireRole(ctx.actor, 'admin');
  const options = parseInput(ImportInputSchema, input);
  const started = performance.now();
  const p = await plan(ctx, options.content, options.format);
  const report: ImportReport = {
    rows: p.toWrite.length + p.skipped + new Set(p.errors.map((e) => e.row)).size,
    imported: 0,
    skipped: p.skipped,
    rejected: new Set(p.errors.map((e) => e.row)).size,
    errors: p.errors,
    renumbered: [],
    wroteNothing: true,
    seconds: 0,
  };
  const finish = () => ({ ...report, seconds: (performance.now() - started) / 1000 });
  if (options.dryRun || (options.strict && p.errors.length > 0) || p.toWrite.length === 0) {
    return finish();
  }
  report.wroteNothing = false;
  const actor = { role: ctx.actor.role, id: ctx.actor.id };
  const setting = await loadImportSetting(ctx.db, ctx.now, actor, options.sendConstancias);
  const { db } = ctx;
  // SQLite's search triggers are suspended for a bulk load (see above); PostgreSQL's stay.
  const bulk = !isPg(db) && p.toWrite.length >= (extras.bulkIndexRows ?? BULK_INDEX_ROWS);
  const firstNewId = bulk ? maxCaseId(db as Db) + 1 : 0;
  const restoreTriggers = bulk ? suspendSearchTriggers(db as Db) : () => {};
  try {
    await withImportCache(db, async () => {
      // Kept numbers first: the sequence then never hands one of them to another row.
      await withTransaction(ctx, async ({ db: tx }) => {
        for (const radicado of p.keepable) {
          const { prefix, year, seq } = radicadoParts(radicado)!;
          await raiseSequence(tx, prefix, year, seq);
        }
      });
      for (let i = 0; i < p.toWrite.length; i += options.batchSize) {
        const batch = p.toWrite.slice(i, i + options.batchSize);
        const written: WrittenCase[] = await withTransaction(ctx, ({ db: tx }) =>
          writeBatch(tx, setting, batch, p.keepable),
        );
        report.imported += written.length;
        for (const w of written) {
          if (w.replaced === null) continue;
          report.renumbered.push({ row: w.row, given: w.replaced, radicado: w.radicado });
        }
        extras.onProgress?.(report.imported, p.toWrite.length);
      }
    });
  } finally {
    restoreTriggers();
    // Whatever committed is searchable, even when a later batch failed.
    if (bulk) indexCasesFrom(db as Db, firstNewId);
  }
  return finish();
}
