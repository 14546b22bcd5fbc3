import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPgServer, type TestPgServer } from '@/lib/server/testing/pg-server';
import { closePg, openPg, type PgDb, type Queryable } from './client';
import { cases, customers } from './schema';
import { highlightPage, newestMatches, prefixQuery, rebuildSearchIndex } from './search';

const MARKS = { open: '«', close: '»', ellipsis: '…', tokens: 12 };
const at = new Date('2026-11-02T15:00:00Z');

describe('case search on PostgreSQL', () => {
  let server: TestPgServer;
  let db: PgDb;
  let number = 0;

  async function fileCase(subject: string, description: string, customerId?: number) {
    number += 1;
    const [row] = await db
      .insert(cases)
      .values({
        radicado: `PQRS-2026-${String(number).padStart(6, '0')}`,
        typeCode: 'Q',
        state: 'radicada',
        channel: 'web',
        subject,
        description,
        customerId,
        receivedAt: at,
        updatedAt: at,
      })
      .returning({ id: cases.id, radicado: cases.radicado });
    return row!;
  }

  /** A message on a case, through the pool or inside a transaction's client. */
  async function message(caseId: number, body: string, on: Queryable = db.$client) {
    await on.query(
      `INSERT INTO case_events (case_id, action, actor_role, visibility, body, created_at)
       VALUES ($1, 'reply', 'agent', 'public', $2, $3)`,
      [caseId, body, at],
    );
  }

  beforeAll(async () => {
    server = await startPgServer();
    db = await openPg(await server.createDatabase());
  }, 60_000);
  afterAll(async () => {
    if (db) await closePg(db);
    server?.stop();
  });

  it('finds words without their accents and accents without them, in either case', async () => {
    const { id } = await fileCase(
      'Cobro doble en la FACTURACIÓN de octubre',
      'Me cobraron dos veces.',
    );
    expect(await newestMatches(db.$client, ['facturacion'], 10)).toContain(id);
    const plain = await fileCase('Error en facturacion', 'Sin tildes.');
    expect(await newestMatches(db.$client, ['Facturación'], 10)).toEqual(
      expect.arrayContaining([id, plain.id]),
    );
  });

  it('reads each word as a prefix and as Spanish: "factu" and "facturas" find "factura"', async () => {
    const { id } = await fileCase(
      'Reclamo por la factura 8812',
      'La factura llegó con otro valor.',
    );
    expect(await newestMatches(db.$client, ['factu'], 50)).toContain(id);
    expect(await newestMatches(db.$client, ['facturas'], 50)).toContain(id);
    expect(await newestMatches(db.$client, ['factu', 'valor'], 50)).toEqual([id]);
  });

  it('finds a case by its radicado and by its petitioner', async () => {
    const [person] = await db
      .insert(customers)
      .values({ documentType: 'CC', documentNumber: '1020304050', fullName: 'Ana Peña Ruiz' })
      .returning({ id: customers.id });
    const filed = await fileCase('Trámite de traslado', 'Solicito el traslado.', person!.id);
    expect(await newestMatches(db.$client, [filed.radicado], 10)).toEqual([filed.id]);
    // Part of the number finds it too, as on SQLite: hyphens split words.
    const tail = filed.radicado.slice(-6);
    expect(await newestMatches(db.$client, [tail], 10)).toEqual([filed.id]);
    expect(await newestMatches(db.$client, ['2026', tail], 10)).toEqual([filed.id]);
    expect(await newestMatches(db.$client, ['pena', 'ruiz'], 10)).toEqual([filed.id]);
    expect(await newestMatches(db.$client, ['1020304050'], 10)).toEqual([filed.id]);
    // Renamed (or anonymised): the index follows in the same statement.
    await db
      .update(customers)
      .set({ fullName: 'Titular anonimizado' })
      .where(eq(customers.id, person!.id));
    expect(await newestMatches(db.$client, ['pena', 'ruiz'], 10)).toEqual([]);
    expect(await newestMatches(db.$client, ['anonimizado'], 10)).toEqual([filed.id]);
  });

  it('weighs the radicado, subject and petitioner above the description, and that above messages', async () => {
    const inSubject = await fileCase('Medidor averiado', 'Sin servicio.');
    const inDescription = await fileCase('Sin luz', 'El medidor está averiado desde ayer.');
    const inMessage = await fileCase('Sin agua', 'Corte sin aviso.');
    await message(inMessage.id, 'El técnico encontró el medidor averiado.');
    expect(await newestMatches(db.$client, ['medidor'], 10, { columns: 'strong' })).toEqual([
      inSubject.id,
    ]);
    expect(await newestMatches(db.$client, ['medidor'], 10, { columns: 'notMessages' })).toEqual([
      inDescription.id,
      inSubject.id,
    ]);
    expect(await newestMatches(db.$client, ['medidor'], 10, { fromId: inDescription.id })).toEqual([
      inMessage.id,
      inDescription.id,
    ]);
    expect(await newestMatches(db.$client, ['medidor'], 10, { columns: 'any' })).toEqual([
      inMessage.id,
      inDescription.id,
      inSubject.id,
    ]);
  });

  it('marks the words found in a snippet of each case of the page', async () => {
    const { id } = await fileCase(
      'Queja por atención',
      'La facturación de marzo llegó duplicada y nadie respondió.',
    );
    const snippets = await highlightPage(db.$client, [id], ['facturacion', 'marz'], MARKS);
    expect(snippets.get(id)).toContain('«facturación»');
    expect(snippets.get(id)).toContain('«marzo»');
  });

  it('keeps the index current inside the writing transaction, and drops it with a rollback', async () => {
    const { id } = await fileCase('Consulta general', 'Pregunta sobre horarios.');
    const client = await db.$client.connect();
    try {
      await client.query('BEGIN');
      await message(id, 'Respuesta con la palabra zanahoria', client);
      expect(await newestMatches(client, ['zanahoria'], 10)).toEqual([id]);
      // Another connection does not see it before the commit.
      expect(await newestMatches(db.$client, ['zanahoria'], 10)).toEqual([]);
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
    expect(await newestMatches(db.$client, ['zanahoria'], 10)).toEqual([]);
    await message(id, 'Ahora sí: zanahoria.');
    expect(await newestMatches(db.$client, ['zanahoria'], 10)).toEqual([id]);
  });

  it('keeps a message another transaction added while the case was being reindexed', async () => {
    const { id } = await fileCase('Asunto inicial', 'Descripción.');
    const adding = await db.$client.connect();
    const editing = await db.$client.connect();
    try {
      await adding.query('BEGIN');
      await message(id, 'Mensaje con remolacha', adding);
      await editing.query('BEGIN');
      // Reindexing waits for the message's transaction, then reads the text it committed.
      const edit = editing.query(`UPDATE cases SET subject = 'Asunto corregido' WHERE id = $1`, [
        id,
      ]);
      await new Promise((resolve) => setTimeout(resolve, 200));
      await adding.query('COMMIT');
      await edit;
      await editing.query('COMMIT');
    } finally {
      adding.release();
      editing.release();
    }
    expect(await newestMatches(db.$client, ['remolacha'], 10)).toEqual([id]);
    expect(await newestMatches(db.$client, ['corregido'], 10)).toEqual([id]);
  });

  it('reads anything typed as words, never as operators', async () => {
    const odd = ["'", '\\', '&', '|', '!', '(', ')', ':*', '<->', "o'neil", 'a\\b', '\u0000', 'ñ'];
    for (const word of odd)
      await expect(newestMatches(db.$client, [word], 5)).resolves.toBeInstanceOf(Array);
    expect(prefixQuery(["o'neil"])).toBe("'o':* & 'neil':*");
    expect(prefixQuery(['', '  '])).toBe('');
  });

  it('rebuilds to the same index the triggers keep', async () => {
    const before = await db.$client.query(
      `SELECT case_id, document::text FROM case_search ORDER BY case_id`,
    );
    await rebuildSearchIndex(db.$client);
    const after = await db.$client.query(
      `SELECT case_id, document::text FROM case_search ORDER BY case_id`,
    );
    expect(after.rows).toEqual(before.rows);
  });
});
