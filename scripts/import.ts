/**
 * Bulk load of historical cases (docs/import.md):
 *   npm run import -- <archivo.csv|archivo.json> [--dry-run] [--strict] [--batch 1000]
 *                     [--constancias] [--informe errores.csv]
 * Bad rows are listed (row, column, message) and skipped; --strict refuses the whole file instead.
 * Running the same file again loads only what is not in yet. Exit code 0: every row in; 1: some
 * rows refused (or the file, with --strict); 2: the file or the arguments could not be read.
 * Into the PostgreSQL database of DATABASE_URL when it is set (the one the servers share), else
 * the SQLite file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openConfiguredDb } from '@/db/configured';
import { SYSTEM_ACTOR } from '@/lib/server/core/actor';
import { makeCtx } from '@/lib/server/core/context';
import { encodeCsv } from '@/lib/server/core/csv';
import { isAppError } from '@/lib/server/core/errors';
import { importCases } from '@/lib/server/intake/import-cases';

const USAGE =
  'uso: npm run import -- <archivo.csv|archivo.json> [--dry-run] [--strict] [--batch 1000] [--constancias] [--informe errores.csv]';
/** Errors printed on the terminal; --informe writes them all. */
const SHOWN_ERRORS = 50;

function fail(message: string): never {
  process.stderr.write(`import: ${message}\n${USAGE}\n`);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      'dry-run': { type: 'boolean', default: false },
      strict: { type: 'boolean', default: false },
      batch: { type: 'string', default: '1000' },
      constancias: { type: 'boolean', default: false },
      informe: { type: 'string' },
    },
  });
} catch (error) {
  fail((error as Error).message);
}
const { values, positionals } = parsed;
const file = positionals[0];
if (!file || positionals.length > 1) fail('indique un archivo');
const batchSize = Number(values.batch);
if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 50_000) {
  fail('--batch debe ser un entero entre 1 y 50000');
}
const format = path.extname(file).toLowerCase() === '.json' ? 'json' : 'csv';
let content: string;
try {
  content = fs.readFileSync(file, 'utf8');
} catch (error) {
  fail(`no se pudo leer ${file}: ${(error as Error).message}`);
}

const { db, close } = (await openConfiguredDb())!;
const out = (line: string) => process.stdout.write(`${line}\n`);
try {
  const report = await importCases(
    makeCtx(db, SYSTEM_ACTOR),
    {
      content,
      format,
      dryRun: values['dry-run'],
      strict: values.strict,
      batchSize,
      sendConstancias: values.constancias,
    },
    { onProgress: (done, total) => out(`  ${done} de ${total} casos escritos`) },
  );
  for (const e of report.errors.slice(0, SHOWN_ERRORS)) {
    process.stderr.write(`fila ${e.row}, ${e.field}: ${e.message}\n`);
  }
  if (report.errors.length > SHOWN_ERRORS) {
    process.stderr.write(`… y ${report.errors.length - SHOWN_ERRORS} errores más\n`);
  }
  if (values.informe) {
    const rows = report.errors.map((e) => [e.row, e.field, e.message]);
    fs.writeFileSync(values.informe, encodeCsv([['fila', 'campo', 'mensaje'], ...rows]));
    out(`Informe de errores: ${values.informe}`);
  }
  for (const r of report.renumbered) {
    out(`fila ${r.row}: el radicado ${r.given} no se pudo conservar; se asignó ${r.radicado}`);
  }
  const rate = report.seconds > 0 ? Math.round(report.imported / report.seconds) : 0;
  const verdict = values['dry-run']
    ? 'Simulación: no se escribió nada.'
    : values.strict && report.rejected > 0
      ? 'Archivo rechazado (--strict): no se escribió nada.'
      : report.imported === 0
        ? 'No se escribió nada.'
        : `Importados ${report.imported} casos en ${report.seconds.toFixed(1)} s (${rate} casos/s).`;
  out(
    `${report.rows} filas: ${report.rows - report.skipped - report.rejected} nuevas, ` +
      `${report.skipped} ya importadas, ${report.rejected} con errores. ${verdict}`,
  );
  process.exitCode = report.rejected > 0 ? 1 : 0;
} catch (error) {
  if (isAppError(error) && error.code === 'VALIDATION') {
    process.stderr.write(`import: ${error.message}\n`);
    process.exitCode = 2;
  } else {
    throw error;
  }
} finally {
  await close();
}
