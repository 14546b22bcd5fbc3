import { z } from 'zod';
import { localDateTimeToInstant } from './portal';

/** A staff case form as it arrives: the case (bound by the page) and its text fields. */
export const CaseFormSchema = z.looseObject({ caseId: z.coerce.number().int().positive() });
export const PromiseFormSchema = z.looseObject({ promiseId: z.coerce.number().int().positive() });

/**
 * A case or promise form's text fields as the action schemas expect them: numbers as numbers,
 * minutes as seconds, local date-times (in the organisation's zone) as instants, and a radicado the
 * agent typed as the id it names (`resolve`, -1 when it names none, which the schema refuses on the
 * field). Blank fields are left out. Parsed once per request, by the action that receives the form.
 */
/** The form fields that carry a radicado the agent typed, read as the case id they name. */
export const RADICADO_FIELDS = ['targetRadicado', 'relatedRadicado'] as const;

export function caseFormInput(
  fields: Record<string, unknown>,
  timeZone: string,
  resolve: (radicado: string) => number | null,
): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value !== 'string' || value === '') continue;
    if (key === 'expectedVersion' || key === 'handleMinutes') input[key] = Number(value);
    else if (key === 'durationMinutes') input.durationSeconds = Math.round(Number(value) * 60);
    else if (key === 'dueAt' || key === 'newDueAt')
      input[key] = localDateTimeToInstant(value, timeZone);
    else if (key === 'targetRadicado') input.targetCaseId = resolve(value) ?? -1;
    else if (key === 'relatedRadicado') input.relatedCaseId = resolve(value) ?? -1;
    else input[key] = value;
  }
  return input;
}
