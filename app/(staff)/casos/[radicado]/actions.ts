'use server';

import { z } from 'zod';
import { staffAction } from '@/lib/server/core/action';
import { applyCaseAction } from '@/lib/server/cases/apply-case-action';
import { applyPromiseAction } from '@/lib/server/cases/apply-promise-action';
import { localDateTimeToInstant } from '@/lib/server/portal/customer-case';
import { getOrganization } from '@/lib/server/core/organization';
import { caseIdByRadicado } from '@/lib/server/cases/staff-case';
import { getDb } from '@/db/client';
import { requestCtx } from '@/lib/server/core/context';

const Envelope = z.object({
  id: z.number().int().positive(),
  fields: z.record(z.string(), z.string()),
});

/** Form fields arrive as text; the action schemas decide what they mean. */
function toInput(fields: Record<string, string>, timeZone: string): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === '') continue;
    if (key === 'expectedVersion' || key === 'handleMinutes') input[key] = Number(value);
    else if (key === 'durationMinutes') input.durationSeconds = Math.round(Number(value) * 60);
    else if (key === 'dueAt' || key === 'newDueAt')
      input[key] = localDateTimeToInstant(value, timeZone);
    else if (key === 'targetRadicado') input.targetCaseId = caseIdByRadicado(value) ?? -1;
    else if (key === 'relatedRadicado') input.relatedCaseId = caseIdByRadicado(value) ?? -1;
    else input[key] = value;
  }
  return input;
}

const caseAction = staffAction({ schema: Envelope }, async ({ id, fields }, actor) => {
  const org = getOrganization(getDb());
  const result = await applyCaseAction(requestCtx(actor), {
    caseId: id,
    ...toInput(fields, org.timeZone),
  });
  return { to: result.to, version: result.version };
});

const promiseAction = staffAction({ schema: Envelope }, ({ id, fields }, actor) => {
  const org = getOrganization(getDb());
  return applyPromiseAction(requestCtx(actor), { promiseId: id, ...toInput(fields, org.timeZone) });
});

const fieldsOf = (form: FormData) =>
  Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === 'string')) as Record<
    string,
    string
  >;

export async function actOnCase(caseId: number, form: FormData) {
  return caseAction({ id: caseId, fields: fieldsOf(form) });
}

export async function actOnPromise(promiseId: number, form: FormData) {
  return promiseAction({ id: promiseId, fields: fieldsOf(form) });
}
