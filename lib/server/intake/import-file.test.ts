import { describe, expect, it } from 'vitest';
import { ImportFileError, parseCsv, readImportFile } from './import-file';
import { parseInstant } from './import-values';
import { bogota } from '../testing/fixtures';

describe('readImportFile: CSV as spreadsheets write it', () => {
  it('reads an Excel es-CO export: BOM, semicolons, quotes, line breaks and quotes inside fields', () => {
    const text =
      '\uFEFFTipo;Canal;Fecha Radicación;Asunto;Descripción\r\n' +
      'R;web;2026-01-02;"Cobro; doble";"Primera línea\r\nsegunda ""entre comillas"""\r\n' +
      '\r\n' +
      'P;phone;2026-01-03;Sin comillas;Texto, con coma\r\n';
    expect(readImportFile(text, 'csv')).toEqual([
      {
        row: 2,
        values: {
          tipo: 'R',
          canal: 'web',
          fecha_radicacion: '2026-01-02',
          asunto: 'Cobro; doble',
          descripcion: 'Primera línea\r\nsegunda "entre comillas"',
        },
      },
      {
        row: 3,
        values: {
          tipo: 'P',
          canal: 'phone',
          fecha_radicacion: '2026-01-03',
          asunto: 'Sin comillas',
          descripcion: 'Texto, con coma',
        },
      },
    ]);
  });

  it('takes commas or tabs as the separator, English aliases, and leaves empty cells out', () => {
    const comma =
      'type,channel,received_at,subject,description,email\nR,web,2026-01-02,"a, b",d,\n';
    expect(readImportFile(comma, 'csv')[0]!.values).toEqual({
      tipo: 'R',
      canal: 'web',
      fecha_radicacion: '2026-01-02',
      asunto: 'a, b',
      descripcion: 'd',
    });
    expect(parseCsv('a\tb\n1\t2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('parses edge cases: no final line break, empty last field, CR line ends, text after a closing quote', () => {
    expect(parseCsv('a;b\r1;"x"y;\r2;;')).toEqual([
      ['a', 'b'],
      ['1', 'xy', ''],
      ['2', '', ''],
    ]);
    expect(parseCsv('a,b\n"1\n2",""""\n\n')).toEqual([
      ['a', 'b'],
      ['1\n2', '"'],
    ]);
  });

  it('refuses a file it cannot map: unknown, repeated or missing columns, an open quote', () => {
    const bad = [
      'tipo;canal;fecha_radicacion;asunto;descripcion;color\n',
      'tipo;type;canal;fecha_radicacion;asunto;descripcion\n',
      'tipo;canal;asunto;descripcion\n',
      'tipo;canal;fecha_radicacion;asunto;descripcion\nR;web;2026-01-01;"sin cerrar;x\n',
      '',
    ];
    for (const text of bad) expect(() => readImportFile(text, 'csv')).toThrow(ImportFileError);
  });
});

describe('readImportFile: JSON', () => {
  it('reads a list or { casos: [...] }, numbering items from 1; a missing field is left to the row check', () => {
    const item = { tipo: 'R', canal: 'web', anonimo: true, asunto: '' };
    expect(readImportFile(JSON.stringify([item]), 'json')).toEqual([
      { row: 1, values: { tipo: 'R', canal: 'web', anonimo: 'true' } },
    ]);
    expect(readImportFile(JSON.stringify({ casos: [item, item] }), 'json')).toHaveLength(2);
    expect(() => readImportFile('{"casos": 3}', 'json')).toThrow(ImportFileError);
    expect(() => readImportFile('[{"colour": 1}]', 'json')).toThrow(ImportFileError);
  });
});

describe('parseInstant', () => {
  it('reads local dates and times in the organisation zone, and ISO instants with their offset', () => {
    const tz = 'America/Bogota';
    expect(parseInstant('2026-03-13', tz)).toEqual(bogota('2026-03-13T00:00:00'));
    expect(parseInstant('2026-03-13 16:30', tz)).toEqual(bogota('2026-03-13T16:30:00'));
    expect(parseInstant('13/03/2026 16:30:05', tz)).toEqual(bogota('2026-03-13T16:30:05'));
    expect(parseInstant('2026-03-13T21:30:00Z', tz)).toEqual(new Date('2026-03-13T21:30:00Z'));
    for (const bad of [
      '2026-02-30',
      '13/13/2026',
      '2026-03-13 25:00',
      'ayer',
      '2026-03-13T10:00+99:00',
    ]) {
      expect(parseInstant(bad, tz)).toBeNull();
    }
  });
});
