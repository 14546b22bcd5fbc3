import fs from 'node:fs';
import path from 'node:path';
import { asc } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { cases } from '@/db/tables';
import { runScript, scriptInstallation } from '@/lib/server/testing/run-script';

const site = scriptInstallation('import-cli');
const dir = site.dir;
const EXAMPLE = path.join(process.cwd(), 'docs', 'import-ejemplo.csv');

/** Runs the real CLI (`npm run -s import -- …`) as an administrator would. */
const runImport = (args: string[]) => runScript('import', args, site.env());

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

describe('npm run import', () => {
  it('loads the documented example file, then finds nothing new in it', async () => {
    const first = runImport([EXAMPLE]);
    expect(first).toMatchObject({ status: 0, stderr: '' });
    expect(first.stdout).toContain('3 filas: 3 nuevas, 0 ya importadas, 0 con errores.');
    const again = runImport([EXAMPLE]);
    expect(again.stdout).toContain('3 filas: 0 nuevas, 3 ya importadas, 0 con errores.');
    const rows = await site.db
      .select({ radicado: cases.radicado, state: cases.state })
      .from(cases)
      .orderBy(asc(cases.radicado));
    expect(rows).toEqual([
      { radicado: 'PQRS-2024-004512', state: 'cerrada' },
      { radicado: 'PQRS-2024-004513', state: 'respondida' },
      { radicado: 'PQRS-2025-000001', state: 'radicada' },
    ]);
  });

  it('lists bad rows in Spanish, writes the report, and exits 1', () => {
    const file = write(
      'malo.csv',
      'id_origen;tipo;canal;fecha_radicacion;asunto;descripcion\nX1;R;fax;2025-01-01;Hola;corta\n',
    );
    const report = path.join(dir, 'informe.csv');
    const out = runImport([file, '--informe', report]);
    expect(out.status).toBe(1);
    expect(out.stderr).toContain('fila 2, canal: Valor no admitido «fax»: use uno de web, email');
    expect(out.stderr).toContain('fila 2, descripcion: Escriba al menos 20 caracteres.');
    expect(fs.readFileSync(report, 'utf8')).toContain(
      '2,descripcion,Escriba al menos 20 caracteres.',
    );
  });

  it.each([
    [['--batch', '0', EXAMPLE], '--batch debe ser un entero'],
    [[path.join(dir, 'no-existe.csv')], 'no se pudo leer'],
    [[], 'indique un archivo'],
  ])('refuses %j with exit code 2', (args, message) => {
    const out = runImport(args);
    expect(out.status).toBe(2);
    expect(out.stderr).toContain(message);
  });

  it('refuses a file with an unknown column (exit 2), naming it', () => {
    const out = runImport([
      write('raro.csv', 'tipo;canal;fecha_radicacion;asunto;descripcion;color\n'),
    ]);
    expect(out.status).toBe(2);
    expect(out.stderr).toContain('columna desconocida: «color»');
  });
});
