/**
 * Term calculator for admins and scripts:
 *   npm run -s terms -- --from 2026-03-13T16:30:00-05:00 --days 15   →   2026-04-08
 *   … --pause 2026-03-18T10:00-05:00/2026-03-26T09:00-05:00 --extension-days 8   →   2026-04-27
 * Pauses (art. 17) follow DOMAIN.md §3: the day the request is sent counts as used; counting resumes
 * on the first business day after the answer arrived. --extension-days adds E business days (a
 * prórroga, E ≤ N). Uses the organisation's calendar (time zone, closure days, receipt rule) when the
 * database exists, else the national calendar. The due date is the last line printed.
 */
import { parseArgs } from 'node:util';
import { openConfiguredDb } from '@/db/configured';
import { createCalendar, isValidLocalDate, startOfLocalDay } from '@/lib/domain/calendar';
import { computeLegalTerm, type Pause, type ReceiptRule } from '@/lib/domain/legal-term';
import { getOrganization, loadCalendar, receiptRuleOf } from '@/lib/server/core/organization';

const USAGE =
  'uso: npm run -s terms -- --from <fecha ISO 8601> --days <días hábiles>' +
  ' [--pause <solicitada>/<respondida>]… [--extension-days <días hábiles>]';

function fail(message: string): never {
  process.stderr.write(`terms: ${message}\n${USAGE}\n`);
  process.exit(2);
}

/** A whole number of days within [min, max], or a clear refusal naming the option. */
function wholeDays(option: string, text: string, min: number, max: number): number {
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    fail(`${option} debe ser un número entero entre ${min} y ${max} (recibido: "${text}")`);
  }
  return Number(text);
}

async function main() {
  let values: { from?: string; days?: string; pause?: string[]; 'extension-days'?: string };
  try {
    ({ values } = parseArgs({
      options: {
        from: { type: 'string' },
        days: { type: 'string' },
        pause: { type: 'string', multiple: true },
        'extension-days': { type: 'string' },
      },
    }));
  } catch (error) {
    fail((error as Error).message);
  }
  if (!values.from)
    fail('falta --from (fecha y hora de radicación, p. ej. 2026-03-13T16:30:00-05:00)');
  if (!values.days) fail('falta --days (término en días hábiles, p. ej. 15)');
  const termDays = wholeDays('--days', values.days, 1, 365);
  const extensionDays =
    values['extension-days'] === undefined
      ? 0
      : wholeDays('--extension-days', values['extension-days'], 0, termDays);

  const opened = await openConfiguredDb({ ifExists: true });
  const org = opened ? await getOrganization(opened.db) : null;
  const cal = opened && org ? await loadCalendar(opened.db, org) : createCalendar({});
  const receiptRule: ReceiptRule = org ? receiptRuleOf(org) : { kind: 'calendar_day' };
  await opened?.close();

  // A bare date means "some time that day" in the organisation's time zone.
  const instant = (text: string): Date | null => {
    const at = isValidLocalDate(text)
      ? new Date(startOfLocalDay(text, cal.timeZone).getTime() + 12 * 3600 * 1000)
      : new Date(text);
    return /^\d{4}-\d{2}-\d{2}/.test(text) && !Number.isNaN(at.getTime()) ? at : null;
  };
  const from = instant(values.from);
  if (!from) fail(`--from no es una fecha ISO 8601 válida (recibido: "${values.from}")`);
  const pauses = (values.pause ?? []).map((text): Pause => {
    const parts = text.split('/');
    const [pausedAt, resumedAt] = parts.map(instant);
    if (parts.length !== 2 || !pausedAt || !resumedAt) {
      fail(`--pause debe ser <solicitada>/<respondida>, dos fechas ISO 8601 (recibido: "${text}")`);
    }
    if (pausedAt < from) fail(`--pause empieza antes de la radicación (recibido: "${text}")`);
    if (resumedAt < pausedAt) fail(`--pause termina antes de empezar (recibido: "${text}")`);
    return { pausedAt, resumedAt };
  });

  const term = computeLegalTerm(
    { receivedAt: from, termDays, pauses, extensionDays, receiptRule },
    cal,
  );
  if (term.status !== 'running') fail('el término está suspendido');
  process.stdout.write(`${term.dueDate}\n`);
}

await main();
