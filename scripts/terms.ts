/**
 * Term calculator for admins and scripts:
 *   npm run -s terms -- --from 2026-03-13T16:30:00-05:00 --days 15   →   2026-04-08
 * Uses the organisation's calendar (time zone, closure days, receipt rule) when the database exists,
 * else the national calendar.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { databasePath, openDb } from '@/db/client';
import { createCalendar, isValidLocalDate, startOfLocalDay } from '@/lib/domain/calendar';
import { computeLegalTerm, type ReceiptRule } from '@/lib/domain/legal-term';
import { getOrganization, loadCalendar, receiptRuleOf } from '@/lib/server/core/organization';

function fail(message: string): never {
  process.stderr.write(`terms: ${message}\n`);
  process.stderr.write('uso: npm run -s terms -- --from <fecha ISO 8601> --days <días hábiles>\n');
  process.exit(2);
}

function main() {
  let values: { from?: string; days?: string };
  try {
    ({ values } = parseArgs({ options: { from: { type: 'string' }, days: { type: 'string' } } }));
  } catch (error) {
    fail((error as Error).message);
  }
  if (!values.from)
    fail('falta --from (fecha y hora de radicación, p. ej. 2026-03-13T16:30:00-05:00)');
  if (!values.days) fail('falta --days (término en días hábiles, p. ej. 15)');
  if (!/^\d+$/.test(values.days) || Number(values.days) < 1 || Number(values.days) > 365) {
    fail(`--days debe ser un número entero entre 1 y 365 (recibido: "${values.days}")`);
  }

  const file = databasePath();
  const db = fs.existsSync(file) ? openDb(file) : null;
  const org = db ? getOrganization(db) : null;
  const cal = db && org ? loadCalendar(db, org) : createCalendar({});
  const receiptRule: ReceiptRule = org ? receiptRuleOf(org) : { kind: 'calendar_day' };

  // A bare date means "some time that day" in the organisation's time zone.
  const from = isValidLocalDate(values.from)
    ? new Date(startOfLocalDay(values.from, cal.timeZone).getTime() + 12 * 3600 * 1000)
    : new Date(values.from);
  if (!/^\d{4}-\d{2}-\d{2}/.test(values.from) || Number.isNaN(from.getTime())) {
    fail(`--from no es una fecha ISO 8601 válida (recibido: "${values.from}")`);
  }
  const term = computeLegalTerm(
    { receivedAt: from, termDays: Number(values.days), receiptRule },
    cal,
  );
  db?.$client.close();
  if (term.status !== 'running') fail('el término está suspendido');
  process.stdout.write(`${term.dueDate}\n`);
}

main();
