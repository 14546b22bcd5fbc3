import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conn } from '@/db/client';
import { first } from '@/db/rows';
import {
  caseEvents,
  cases,
  consents,
  customers,
  outbox,
  queueCounts,
  radicadoSequences,
} from '@/db/tables';
import { SYSTEM_ACTOR } from '../core/actor';
import { makeCtx } from '../core/context';
import { verifyAuditChain } from '../admin/audit-verify';
import { searchCases } from '../cases/search-cases';
import { checkSearchIndex } from '../testing/engine-sql';
import { openTestDb } from '../testing/test-db';
import { halfWritten } from '../testing/integrity';
import {
  bogota,
  captureAppError,
  caseRow,
  countRows,
  eventsOf,
  fileCase,
  seedFixture,
  type Fixture,
} from '../testing/fixtures';
import { importCases, type ImportInput } from './import-cases';

let db: Conn;
let cleanup: () => Promise<void>;
let fx: Fixture;
const NOW = bogota('2026-03-20T10:00:00');

beforeEach(async () => {
  ({ db, cleanup } = await openTestDb());
  fx = await seedFixture(db);
});
afterEach(async () => await cleanup());

const HEADER =
  'id_origen;radicado;tipo;canal;fecha_radicacion;asunto;descripcion;tipo_documento;numero_documento;nombre;correo;estado;fecha_respuesta;decision;respuesta;fecha_cierre;anonimo';
const LONG = 'Me cobraron dos veces el servicio de febrero en la factura.';
const GOOD = [
  // Open, identified, with a historical radicado of our prefix.
  `A-1;PQRS-2025-000777;R;web;2025-03-13 16:30;Cobro doble;${LONG};CC;1020304050;Ana María Pérez;ana@example.co;;;;;`,
  // Answered: no radicado, one is assigned from the 2026 sequence.
  `A-2;;P;phone;13/03/2026 09:15;Consulta de tarifa;${LONG};CC;79000111;Luis Gómez;luis@example.co;respondida;2026-03-16 11:00;informa;La tarifa vigente es la del plan básico.;`,
  // Closed and anonymous (a Queja allows it).
  `A-3;;Q;walk_in;2026-02-02T08:00:00-05:00;Mala atención;${LONG};;;;;cerrada;2026-02-10;concede;Ofrecemos excusas.;2026-02-12;sí`,
];

/** Rows without the last column (anonimo) leave it empty. */
function csv(lines: readonly string[], header = HEADER): string {
  const width = HEADER.split(';').length;
  const full = lines.map((l) => (l.split(';').length < width ? `${l};` : l));
  return [header, ...full].join('\r\n');
}

async function run(content: string, options: Partial<ImportInput> = {}, at = NOW) {
  return importCases(makeCtx(db, SYSTEM_ACTOR, at), { content, format: 'csv', ...options });
}

async function caseBy(radicado: string) {
  const row = await first(db.select().from(cases).where(eq(cases.radicado, radicado)));
  if (!row) throw new Error(`no case ${radicado}`);
  return row;
}

/** Everything an import writes: all equal before and after means it wrote nothing. */
async function footprint() {
  return {
    cases: await countRows(db, cases),
    customers: await countRows(db, customers),
    consents: await countRows(db, consents),
    events: await countRows(db, caseEvents),
    sequences: await db.select().from(radicadoSequences).orderBy(radicadoSequences.year),
    outbox: await countRows(db, outbox),
  };
}

describe('importCases: good rows', () => {
  it('loads each case with its radicado, legal term, customer, consent, history and audit chain', async () => {
    // A case filed the ordinary way at the same instant: the import must compute the same term.
    const filed = await fileCase(db, {}, bogota('2026-03-13T09:15:00'));

    const report = await run(csv(GOOD));

    expect(report).toMatchObject({ rows: 3, imported: 3, skipped: 0, rejected: 0, errors: [] });
    const kept = await caseBy('PQRS-2025-000777');
    expect(kept).toMatchObject({ state: 'radicada', typeCode: 'R', termDays: 15 });
    expect(kept.dueDate).toBe('2025-04-04'); // 15 business days, Holy Week 2025 skipped
    // The sequence of 2025 now starts after the kept number; 2026 continues after the filed case.
    expect(await db.select().from(radicadoSequences)).toEqual(
      expect.arrayContaining([
        { prefix: 'PQRS', year: 2025, lastValue: 777 },
        { prefix: 'PQRS', year: 2026, lastValue: 3 },
      ]),
    );
    const answered = await caseBy('PQRS-2026-000002');
    expect(answered.dueDate).toBe((await caseRow(db, filed.id)).dueDate);
    expect(answered).toMatchObject({
      state: 'respondida',
      decision: 'informa',
      answeredAt: bogota('2026-03-16T11:00:00'),
      firstAnsweredAt: bogota('2026-03-16T11:00:00'),
      answeredOnTime: true,
      answerBusinessDays: 1,
      receivedAt: bogota('2026-03-13T09:15:00'),
    });
    const closed = await caseBy('PQRS-2026-000003');
    expect(closed).toMatchObject({ state: 'cerrada', isAnonymous: true, customerId: null });
    expect((await eventsOf(db, closed.id)).map((e) => [e.action, e.toState, e.createdAt])).toEqual([
      ['radicar', 'radicada', bogota('2026-02-02T08:00:00')],
      ['answer', 'respondida', bogota('2026-02-10T00:00:00')],
      ['close', 'cerrada', bogota('2026-02-12T00:00:00')],
      ['importar', null, NOW],
    ]);
    const mark = (await eventsOf(db, kept.id)).at(-1)!;
    expect(mark).toMatchObject({ visibility: 'internal', actorRole: 'system' });
    expect(mark.data).toMatchObject({
      sourceId: 'A-1',
      radicadoOrigen: 'PQRS-2025-000777',
      row: 2,
    });
    // Identified rows have their customer and consent; nothing is half-written; the chain holds.
    expect(
      await first(db.select().from(customers).where(eq(customers.documentNumber, '79000111'))),
    ).toMatchObject({ fullName: 'Luis Gómez', email: 'luis@example.co' });
    expect(await countRows(db, consents)).toBe(3); // the filed case's and two imported
    expect(await halfWritten(db, '/nonexistent')).toEqual([]);
    expect(await verifyAuditChain(makeCtx(db, fx.admin))).toMatchObject({ intact: true });
    // History is not re-acknowledged: no constancia (the filed case's own is the only mail).
    expect(await countRows(db, outbox)).toBe(1);
  });

  it('makes the cases searchable and counted in the queues', async () => {
    await run(csv(GOOD));
    const ctx = makeCtx(db, fx.admin, NOW);
    const hit = await searchCases(ctx, { q: 'tarifa' });
    expect(hit.rows.map((h) => h.radicado)).toEqual(['PQRS-2026-000001']);
    const answerText = await searchCases(ctx, { q: 'excusas' });
    expect(answerText.rows.map((h) => h.radicado)).toEqual(['PQRS-2026-000002']);
    const counts = await db
      .select({ state: queueCounts.state, n: sql<number>`sum(${queueCounts.n})`.mapWith(Number) })
      .from(queueCounts)
      .groupBy(queueCounts.state)
      .orderBy(queueCounts.state);
    expect(counts).toEqual([
      { state: 'cerrada', n: 1 },
      { state: 'radicada', n: 1 },
      { state: 'respondida', n: 1 },
    ]);
  });

  // On SQLite a big load runs without the search triggers: import-cases.sqlite.test.ts.
  it('a big load leaves its cases searchable, and the cases filed after it', async () => {
    await importCases(
      makeCtx(db, SYSTEM_ACTOR, NOW),
      { content: csv(GOOD), format: 'csv', batchSize: 2 },
      { bulkIndexRows: 1 },
    );
    const ctx = makeCtx(db, fx.admin, NOW);
    expect((await searchCases(ctx, { q: 'excusas' })).rows).toHaveLength(1);
    expect((await searchCases(ctx, { q: '1020304050' })).rows).toHaveLength(1);
    // The index holds exactly what the triggers would have written.
    await checkSearchIndex(db);
    // And a case filed afterwards is indexed by the triggers again.
    await fileCase(db, { subject: 'Medidor averiado' }, NOW);
    expect((await searchCases(ctx, { q: 'medidor' })).rows).toHaveLength(1);
  });

  it('sends the constancia of the still-open cases only when asked', async () => {
    await run(csv(GOOD), { sendConstancias: true });
    const mails = await db.select({ to: outbox.toAddress, kind: outbox.kind }).from(outbox);
    expect(mails).toEqual([{ to: 'ana@example.co', kind: 'constancia' }]);
  });
});

describe('importCases: bad rows', () => {
  const BAD = [
    `B-1;;R;web;2026-03-01;Cobro doble;${LONG};CC;1020304050;An;ana@example;;;;;`,
    `B-2;;X;web;2026-31-01;Cobro doble;corta;;;;;;;;;`,
    `;;R;web;2026-03-01;Sin clave;${LONG};CC;1020304050;Ana María;ana@example.co;;;;;`,
    `A-1;;R;web;2026-03-01;Repetida;${LONG};CC;1020304050;Ana María;ana@example.co;;;;;`,
    `B-5;;R;web;2026-03-01;Fechas;${LONG};CC;1020304050;Ana María;ana@example.co;respondida;2026-02-01;;;`,
  ];

  it('reports row, column and a Spanish message; loads the good rows and nothing of the bad', async () => {
    const report = await run(csv([...GOOD, ...BAD]));

    expect(report).toMatchObject({ imported: 3, rejected: 5 });
    const byRow = (row: number) => report.errors.filter((e) => e.row === row);
    expect(byRow(5)).toEqual([
      { row: 5, field: 'nombre', message: 'Escriba al menos 3 caracteres.' },
      {
        row: 5,
        field: 'correo',
        message: 'Escriba un correo válido, por ejemplo nombre@dominio.co.',
      },
    ]);
    expect(byRow(6).map((e) => e.field)).toEqual(
      expect.arrayContaining(['tipo', 'descripcion', 'fecha_radicacion']),
    );
    expect(byRow(6).find((e) => e.field === 'fecha_radicacion')?.message).toMatch(/AAAA-MM-DD/);
    expect(byRow(7)).toEqual([expect.objectContaining({ field: 'id_origen' })]);
    expect(byRow(8)).toEqual([
      { row: 8, field: 'id_origen', message: 'Repite el caso de la fila 2.' },
    ]);
    expect(
      byRow(9)
        .map((e) => e.field)
        .sort(),
    ).toEqual(['decision', 'fecha_respuesta']);
    expect(await countRows(db, cases)).toBe(3);
    for (const subject of ['Sin clave', 'Repetida', 'Fechas']) {
      expect(
        await first(db.select().from(cases).where(eq(cases.subject, subject))),
      ).toBeUndefined();
    }
  });

  it('applies the catalogue as filing does: anonymity only where the type allows it, no answer through an API channel', async () => {
    const rows = [
      `D-1;;R;web;2026-03-01;Reclamo sin nombre;${LONG};;;;;;;;;;sí`,
      `D-2;;Q;email;2026-03-01;Queja por correo;${LONG};;;;q@example.co;;;;;`,
    ];
    const header = `${HEADER};medio_respuesta`;
    const report = await run(csv([`${rows[0]};`, `${rows[1]};;api`], header));
    expect(report.errors).toEqual([
      {
        row: 2,
        field: 'anonimo',
        message: 'Este tipo de solicitud no se puede radicar de forma anónima.',
      },
      { row: 3, field: 'medio_respuesta', message: 'El valor no es válido.' },
    ]);
    expect(await countRows(db, cases)).toBe(0);
  });

  it('--strict refuses the whole file and writes nothing; a dry run writes nothing either', async () => {
    const before = await footprint();
    const strict = await run(csv([...GOOD, BAD[0]!]), { strict: true });
    expect(strict).toMatchObject({ imported: 0, rejected: 1, wroteNothing: true });
    const dry = await run(csv(GOOD), { dryRun: true });
    expect(dry).toMatchObject({ imported: 0, rejected: 0, wroteNothing: true, rows: 3 });
    expect(await footprint()).toEqual(before);
  });

  it('refuses a file it cannot read (unknown column) before writing anything', async () => {
    const error = await captureAppError(() => run(csv(GOOD, `${HEADER};color`)));
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toContain('color');
    expect(await countRows(db, cases)).toBe(0);
  });

  it('is for administrators', async () => {
    const error = await captureAppError(() =>
      importCases(makeCtx(db, fx.supervisor, NOW), { content: csv(GOOD), format: 'csv' }),
    );
    expect(error.code).toBe('FORBIDDEN');
  });
});

describe('importCases: running it again', () => {
  it('is a no-op for rows already in, by source id or by radicado', async () => {
    const noSource = `;PQRS-2024-000010;S;email;2024-05-05 10:00;Sugerencia;${LONG};CC;1020304050;Ana María Pérez;ana@example.co;;;;;`;
    await run(csv([...GOOD, noSource]));
    const before = await footprint();

    const again = await run(csv([...GOOD, noSource]), {}, bogota('2026-03-21T10:00:00'));

    expect(again).toMatchObject({ rows: 4, imported: 0, skipped: 4, rejected: 0 });
    expect(await footprint()).toEqual(before);
  });

  it('keeps a radicado only when it is unused and well-formed, else assigns one and says so', async () => {
    const filed = await fileCase(db, {}, bogota('2026-01-05T09:00:00'));
    const rows = [
      `C-1;${filed.radicado};R;web;2026-01-10;Choque;${LONG};;;;;;;;;`.replace(
        ';;;;;;;;;',
        ';CC;555666;Carlos Ruiz;c@example.co;;;;;',
      ),
      `C-2;no-es-radicado;R;web;2026-01-11;Mal escrito;${LONG};CC;555666;Carlos Ruiz;c@example.co;;;;;`,
    ];
    const report = await run(csv(rows));
    expect(report.renumbered).toEqual([
      { row: 2, given: filed.radicado, radicado: 'PQRS-2026-000002' },
      { row: 3, given: 'NO-ES-RADICADO', radicado: 'PQRS-2026-000003' },
    ]);
  });
});
