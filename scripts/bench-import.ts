/**
 * Bulk import rate (issue 15 §5, target ≥ 2,000 cases/s):
 *   npm run bench:import -- [--rows 20000] [--db <file>] [--batch 1000]
 * Without --db it loads into a fresh database with the demo catalogue; with --db (a COPY of the
 * million-case database, never the shared one) into that. Generates a CSV of historical cases
 * (open, answered and closed; identified and anonymous; half with a radicado of their own),
 * imports it, then imports it again (which must load nothing), and prints both rates.
 * Exits 1 when the rate misses the target or the re-run wrote anything.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { closeDatabase, openDb } from '@/db/client';
import { insertCatalog } from '@/db/seed/catalog';
import { organization } from '@/db/schema';
import { SYSTEM_ACTOR } from '@/lib/server/core/actor';
import { makeCtx } from '@/lib/server/core/context';
import { importCases } from '@/lib/server/intake/import-cases';

const TARGET_PER_SECOND = 2_000;
const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '20000' },
    db: { type: 'string' },
    batch: { type: 'string', default: '1000' },
  },
});
const rows = Number(values.rows);
if (values.db && path.resolve(values.db) === '/tmp/ventanilla-bench.db') {
  throw new Error('Use a copy of the shared benchmark database, never the database itself.');
}
const dir = values.db ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'ventanilla-import-'));
const file = values.db ?? path.join(dir!, 'import.db');
const log = (line: string) => process.stdout.write(`${line}\n`);

const SUBJECTS = ['Cobro doble en la factura', 'Corte del servicio sin aviso', 'Lectura errada'];
const BODY =
  'Solicito revisar el cobro del periodo anterior, el medidor marca un consumo que no corresponde';
const ANSWER = 'Revisamos la lectura del medidor y ajustamos la factura del periodo.';
const TYPES = ['R', 'P', 'Q', 'S', 'R', 'R'];
const CHANNELS = ['web', 'email', 'phone', 'walk_in'];
const DECISIONS = ['concede', 'concede_parcial', 'niega', 'informa'];

/**
 * N historical cases over 2023–2024, every tenth row quoted with a line break inside. Source ids
 * and radicado prefixes carry a tag of the run, so a second run on the same database loads anew.
 */
function generate(n: number): string {
  const tag = Array.from({ length: 4 }, () =>
    String.fromCharCode(65 + Math.floor(Math.random() * 26)),
  ).join('');
  const lines = [
    'id_origen;radicado;tipo;canal;fecha_radicacion;asunto;descripcion;anonimo;tipo_documento;numero_documento;nombre;correo;estado;fecha_respuesta;decision;respuesta;fecha_cierre',
  ];
  const day = 86_400_000;
  const start = Date.UTC(2023, 0, 2, 13, 0);
  for (let i = 0; i < n; i++) {
    const type = TYPES[i % TYPES.length]!;
    const received = start + Math.floor((i / n) * 700) * day + (i % 9) * 3_600_000;
    const ymd = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
    const kind = i % 5; // 0–1 open, 2–3 answered, 4 closed
    const anonymous = type === 'Q' && i % 2 === 0;
    const person = 10_000_000 + (i % Math.max(1, Math.floor(n / 3)));
    const year = new Date(received).getUTCFullYear();
    const description = i % 10 === 0 ? `"${BODY} (""ver anexo"")\n${i}."` : `${BODY} ${i}.`;
    lines.push(
      [
        `IMP-${tag}-${i}`,
        i % 2 === 0 ? `H${tag}-${year}-${String(i + 1).padStart(6, '0')}` : '',
        type,
        CHANNELS[i % CHANNELS.length],
        ymd(received),
        SUBJECTS[i % SUBJECTS.length],
        description,
        anonymous ? 'sí' : '',
        anonymous ? '' : 'CC',
        anonymous ? '' : String(person),
        anonymous ? '' : `Persona ${person}`,
        anonymous ? '' : `p${person}@example.co`,
        ['radicada', 'radicada', 'respondida', 'respondida', 'cerrada'][kind],
        kind >= 2 ? ymd(received + (5 + (i % 20)) * day) : '',
        kind >= 2 ? DECISIONS[i % DECISIONS.length] : '',
        kind >= 2 ? ANSWER : '',
        kind === 4 ? ymd(received + 40 * day) : '',
      ].join(';'),
    );
  }
  return lines.join('\r\n');
}

const db = openDb(file);
try {
  if (!db.select().from(organization).get()) insertCatalog(db, { now: new Date() });
  const content = generate(rows);
  const ctx = makeCtx(db, SYSTEM_ACTOR);
  const input = { content, format: 'csv' as const, batchSize: Number(values.batch) };
  const cpu = process.cpuUsage();
  const first = await importCases(ctx, input);
  const { user, system } = process.cpuUsage(cpu);
  const cpuSeconds = (user + system) / 1e6;
  const rate = first.imported / first.seconds;
  // On a shared machine the wall clock also counts other processes' turns: CPU time tells apart.
  log(
    `import ${first.imported} casos en ${first.seconds.toFixed(2)} s: ${Math.round(rate)} casos/s` +
      ` (${Math.round(first.imported / cpuSeconds)} por segundo de CPU; ${first.rejected} rechazados)`,
  );
  for (const e of first.errors.slice(0, 5)) log(`  fila ${e.row}, ${e.field}: ${e.message}`);
  const again = await importCases(ctx, input);
  log(
    `re-import: ${again.imported} nuevos, ${again.skipped} ya estaban, ${again.seconds.toFixed(2)} s`,
  );
  process.exitCode = rate >= TARGET_PER_SECOND && again.imported === 0 ? 0 : 1;
} finally {
  closeDatabase(db);
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}
