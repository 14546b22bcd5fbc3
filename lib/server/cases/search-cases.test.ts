import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conn } from '@/db/client';
import { cases } from '@/db/tables';
import { applyCaseAction } from './apply-case-action';
import { isAppError } from '../core/errors';
import { searchCases } from './search-cases';
import {
  captureAppError,
  countRows,
  customerActor,
  FILED_AT,
  fileCase,
  seedFixture,
  type Fixture,
} from '../testing/fixtures';
import { checkSearchIndex } from '../testing/engine-sql';
import { openTestDb } from '../testing/test-db';
import { makeCtx } from '@/lib/server/core/context';

let t: Awaited<ReturnType<typeof openTestDb>>;
let db: Conn;
let f: Fixture;

beforeEach(async () => {
  t = await openTestDb();
  db = t.db;
  f = await seedFixture(db);
});
afterEach(() => t.cleanup());

function customer(documentNumber: string, fullName: string) {
  return { documentType: 'CC' as const, documentNumber, fullName, email: 'p@example.co' };
}

const radicados = async (q: string, actor = f.supervisor) =>
  (await searchCases(makeCtx(db, actor), { q })).rows.map((r) => r.radicado);

describe('searchCases', () => {
  it('finds a case by its radicado, typed in any letter case', async () => {
    const filed = await fileCase(db);
    await fileCase(db, { customer: customer('52000111', 'Jorge Ruiz') });
    const result = await searchCases(makeCtx(db, f.supervisor), {
      q: `  ${filed.radicado.toLowerCase()} `,
    });
    expect(result.total).toBe(1);
    expect(result.rows.map((r) => r.radicado)).toEqual([filed.radicado]);
    expect(result.rows[0]!.snippet).toEqual([{ text: filed.radicado, isMatch: true }]);
  });

  it('finds a case by a word of its subject, with the case fields the list shows', async () => {
    const filed = await fileCase(db, { subject: 'Medidor averiado en el sótano' });
    await fileCase(db, { customer: customer('52000111', 'Jorge Ruiz') });
    const [hit, ...rest] = (await searchCases(makeCtx(db, f.supervisor), { q: 'averiado' })).rows;
    expect(rest).toEqual([]);
    expect(hit).toMatchObject({
      id: filed.id,
      radicado: filed.radicado,
      typeCode: 'R',
      state: 'radicada',
      subject: 'Medidor averiado en el sótano',
      customerName: 'Ana María Pérez',
      receivedAt: FILED_AT,
    });
  });

  it('ignores accents and letter case: "facturacion" finds "Facturación"', async () => {
    const filed = await fileCase(db, { subject: 'Error de Facturación en el recibo' });
    expect(await radicados('facturacion')).toEqual([filed.radicado]);
    expect(await radicados('FACTURACIÓN')).toEqual([filed.radicado]);
    expect(await radicados('factur')).toEqual([filed.radicado]);
    const [hit] = (await searchCases(makeCtx(db, f.supervisor), { q: 'facturacion' })).rows;
    expect(hit!.snippet.filter((s) => s.isMatch)).toEqual([{ text: 'Facturación', isMatch: true }]);
  });

  it('requires every word, each as a prefix', async () => {
    const both = await fileCase(db, { subject: 'Cobro doble en la factura' });
    await fileCase(db, {
      subject: 'Cobro de reconexión injustificado',
      customer: customer('52000111', 'Jorge Ruiz'),
    });
    expect(await radicados('cob dobl')).toEqual([both.radicado]);
  });

  it("finds a case by its customer's name", async () => {
    const filed = await fileCase(db, { customer: customer('79111222', 'Hernán Zuluaga Restrepo') });
    await fileCase(db);
    const result = await searchCases(makeCtx(db, f.supervisor), { q: 'hernan zuluaga' });
    expect(result.rows.map((r) => r.id)).toEqual([filed.id]);
    expect(result.rows[0]!.customerName).toBe('Hernán Zuluaga Restrepo');
  });

  it('finds every case of a document number, typed with or without dots', async () => {
    const first = await fileCase(db, { customer: customer('1020304050', 'Ana María Pérez') });
    const second = await fileCase(db, {
      subject: 'Otra solicitud de la misma persona',
      customer: customer('1020304050', 'Ana María Pérez'),
    });
    await fileCase(db, { customer: customer('52000111', 'Jorge Ruiz') });
    const result = await searchCases(makeCtx(db, f.supervisor), { q: '1.020.304.050' });
    expect(result.total).toBe(2);
    expect(result.rows.map((r) => r.id).sort()).toEqual([first.id, second.id].sort());
    expect(result.rows[0]!.snippet).toEqual([{ text: '1020304050', isMatch: true }]);
  });

  it('finds a case by the text of a note added after filing', async () => {
    const filed = await fileCase(db);
    expect(await radicados('contramedidor')).toEqual([]);
    await applyCaseAction(makeCtx(db, f.agent, FILED_AT), { caseId: filed.id, action: 'take' });
    await applyCaseAction(makeCtx(db, f.agent, FILED_AT), {
      caseId: filed.id,
      action: 'note',
      body: 'El usuario instaló un contramedidor sin autorización.',
    });
    expect(await radicados('contramedidor')).toEqual([filed.radicado]);
    // Earlier text is still there after the case was re-indexed with its note.
    expect(await radicados('cobro doble')).toEqual([filed.radicado]);
    await checkSearchIndex(db);
  });

  it("reindexes a customer's earlier cases when a new filing renames them", async () => {
    const first = await fileCase(db, { customer: customer('43555666', 'Luz Mery Ortiz') });
    expect(await radicados('Castaño')).toEqual([]);
    const second = await fileCase(db, { customer: customer('43555666', 'Luz Mery Ortiz Castaño') });
    expect((await radicados('castano')).sort()).toEqual([first.radicado, second.radicado].sort());
    await checkSearchIndex(db);
  });

  it('ranks a match in the subject above a match only in the messages', async () => {
    // Filed first: ties and recency alone would put the other one first.
    const inSubject = await fileCase(db, { subject: 'Humedad en la pared junto al medidor' });
    const inBody = await fileCase(db, { subject: 'Revisión de la acometida del predio' });
    await applyCaseAction(makeCtx(db, f.agent, FILED_AT), { caseId: inBody.id, action: 'take' });
    await applyCaseAction(makeCtx(db, f.agent, FILED_AT), {
      caseId: inBody.id,
      action: 'note',
      body: 'El técnico encontró humedad detrás del contador.',
    });
    expect(await radicados('humedad')).toEqual([inSubject.radicado, inBody.radicado]);
  });

  it("never shows an agent another team's cases; the supervisor sees them", async () => {
    const filed = await fileCase(db, { subject: 'Escape en la tubería del andén' });
    await applyCaseAction(makeCtx(db, f.agent, FILED_AT), { caseId: filed.id, action: 'take' });
    expect(await searchCases(makeCtx(db, f.otherAgent), { q: 'escape' })).toMatchObject({
      total: 0,
      rows: [],
    });
    expect((await searchCases(makeCtx(db, f.otherAgent), { q: filed.radicado })).total).toBe(0);
    expect((await searchCases(makeCtx(db, f.otherAgent), { q: '1020304050' })).total).toBe(0);
    expect(await radicados('escape', f.agent)).toEqual([filed.radicado]);
    expect(await radicados('escape', f.supervisor)).toEqual([filed.radicado]);
    expect(await radicados('escape', f.admin)).toEqual([filed.radicado]);
  });

  it('is for staff: a petitioner cannot search, even with access to a case', async () => {
    const filed = await fileCase(db);
    const error = await captureAppError(
      async () => await searchCases(makeCtx(db, customerActor(filed.id)), { q: 'cobro' }),
    );
    expect(error.code).toBe('FORBIDDEN');
  });

  it('marks the matched words in the snippet, as plain text segments', async () => {
    await fileCase(db, {
      subject: 'Consulta general',
      description: 'Quiero saber por qué el recibo de este mes llegó con un recargo por mora.',
    });
    const [hit] = (await searchCases(makeCtx(db, f.supervisor), { q: 'recargo' })).rows;
    const text = hit!.snippet.map((s) => s.text).join('');
    expect(text).toContain('un recargo por mora');
    expect(text).not.toMatch(/[\uE000\uE001<>]/u);
    expect(hit!.snippet.filter((s) => s.isMatch)).toEqual([{ text: 'recargo', isMatch: true }]);
  });

  it('pages through results and caps the page size at 50', async () => {
    for (let i = 0; i < 7; i++) {
      await fileCase(db, { subject: `Reclamo por alumbrado número ${i}` });
    }
    const first = await searchCases(makeCtx(db, f.supervisor), { q: 'alumbrado', pageSize: 5 });
    const second = await searchCases(makeCtx(db, f.supervisor), {
      q: 'alumbrado',
      page: 2,
      pageSize: 5,
    });
    expect([first.total, first.rows.length, second.rows.length]).toEqual([7, 5, 2]);
    expect(new Set([...first.rows, ...second.rows].map((r) => r.id)).size).toBe(7);
    expect(first.isTotalCapped).toBe(false);
    const error = await captureAppError(
      async () => await searchCases(makeCtx(db, f.supervisor), { q: 'alumbrado', pageSize: 51 }),
    );
    expect(error.fieldErrors).toEqual({ pageSize: ['invalid'] });
  });

  it('refuses a blank query or one with nothing searchable as VALIDATION', async () => {
    for (const q of ['', '   ', '*', '"', '-', '()', '—…']) {
      const error = await captureAppError(
        async () => await searchCases(makeCtx(db, f.supervisor), { q }),
      );
      expect([q, error.code]).toEqual([q, 'VALIDATION']);
    }
  });

  it('treats FTS5 syntax typed by a user as text, never as a failed query', async () => {
    await fileCase(db, { subject: 'Cobro doble en la factura' });
    const hostile = [
      '"',
      '*',
      'NEAR(',
      'NEAR(cobro doble',
      '-',
      '-cobro',
      'OR',
      'cobro OR',
      'AND NOT',
      'cobro NOT doble',
      '"cobro',
      'cobro"*',
      'subject: cobro',
      '{subject}: cobro',
      '^cobro',
      'cobro + doble',
      '(((cobro',
      "cobro'; DROP TABLE cases; --",
      '\u0000cobro',
      '\uE000cobro\uE001',
      'a'.repeat(500),
      'cobro '.repeat(80),
      'ñ'.repeat(200),
    ];
    for (const q of hostile) {
      try {
        const result = await searchCases(makeCtx(db, f.supervisor), { q });
        expect(result.rows.length).toBeLessThanOrEqual(result.total);
      } catch (error) {
        if (!isAppError(error)) throw new Error(`${JSON.stringify(q)} failed: ${String(error)}`);
        expect([q, error.code]).toEqual([q, 'VALIDATION']);
      }
    }
    // Operators are words like any other: "OR" must appear, "-" excludes nothing.
    expect(await radicados('cobro OR doble')).toEqual([]);
    expect(await radicados('cobro doble -"factura"')).toHaveLength(1);
    expect(await countRows(db, cases)).toBe(1);
  });
});
