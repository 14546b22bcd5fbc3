'use server';

import type { FormBody } from '@/app/_components/use-form-action';
import { sendConstancia } from '@/lib/server/cases/send-constancia';
import { action } from '@/lib/server/core/action';
import { SendConstanciaSchema } from '@/lib/validation/send-constancia';

const send = action({ access: 'staff', schema: SendConstanciaSchema }, (ctx, input) =>
  sendConstancia(ctx, input).then(({ mailId }) => ({ mailId })),
);

/** A copy of the constancia by e-mail (bound: `sendConstanciaByMail.bind(null, caseId)`). */
export async function sendConstanciaByMail(caseId: number, body: FormBody) {
  return send(body, { caseId });
}
