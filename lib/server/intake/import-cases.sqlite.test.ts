/**
 * SQLite's own mechanism of the bulk import: a big load runs without the FTS5 triggers, indexes
 * the new cases once at the end and puts the triggers back. PostgreSQL keeps its index by
 * triggers row by row (db/pg/migrations/0001_case_search.sql); what both engines must show
 * afterwards is in import-cases.test.ts.
 */
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { SYSTEM_ACTOR } from '../core/actor';
import { makeCtx } from '../core/context';
import { searchCases } from '../cases/search-cases';
import { bogota, fileCase, seedFixture, type Fixture } from '../testing/fixtures';
import { createTestDb } from '../testing/test-db';
import { importCases } from './import-cases';

let db: Db;
let cleanup: () => void;
let fx: Fixture;
const NOW = bogota('2026-03-20T10:00:00');

beforeEach(async () => {
  ({ db, cleanup } = createTestDb());
  fx = await seedFixture(db);
});
afterEach(() => cleanup());

const LONG = 'Me cobraron dos veces el servicio de febrero en la factura.';
const CSV = [
  'id_origen;radicado;tipo;canal;fecha_radicacion;asunto;descripcion;tipo_documento;numero_documento;nombre;correo;estado;fecha_respuesta;decision;respuesta;fecha_cierre;anonimo',
  `A-1;PQRS-2025-000777;R;web;2025-03-13 16:30;Cobro doble;${LONG};CC;1020304050;Ana María Pérez;ana@example.co;;;;;;`,
  `A-2;;P;phone;13/03/2026 09:15;Consulta de tarifa;${LONG};CC;79000111;Luis Gómez;luis@example.co;respondida;2026-03-16 11:00;informa;La tarifa vigente es la del plan básico.;;`,
  `A-3;;Q;walk_in;2026-02-02T08:00:00-05:00;Mala atención;${LONG};;;;;cerrada;2026-02-10;concede;Ofrecemos excusas.;2026-02-12;sí`,
].join('\r\n');

describe('importCases on SQLite', () => {
  it('a big load indexes its cases once at the end, and puts the search triggers back', async () => {
    const triggers = () =>
      db.all(
        sql`SELECT name FROM sqlite_master WHERE type = 'trigger' AND name GLOB 'case_search_*'`,
      );
    const before = triggers();
    expect(before.length).toBeGreaterThan(0);
    await importCases(
      makeCtx(db, SYSTEM_ACTOR, NOW),
      { content: CSV, format: 'csv', batchSize: 2 },
      { bulkIndexRows: 1 },
    );
    expect(triggers()).toEqual(before);
    const ctx = makeCtx(db, fx.admin, NOW);
    expect((await searchCases(ctx, { q: 'excusas' })).rows).toHaveLength(1);
    expect((await searchCases(ctx, { q: '1020304050' })).rows).toHaveLength(1);
    // The index holds exactly what the triggers would have written.
    db.run(sql`INSERT INTO case_search (case_search, rank) VALUES ('integrity-check', 1)`);
    // And a case filed afterwards is indexed by the triggers again.
    await fileCase(db, { subject: 'Medidor averiado' }, NOW);
    expect((await searchCases(ctx, { q: 'medidor' })).rows).toHaveLength(1);
  });
});
