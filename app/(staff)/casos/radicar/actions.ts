'use server';

import { cookies } from 'next/headers';
import { z } from 'zod';
import type { FormBody } from '@/app/_components/use-form-action';
import { applyCaseAction } from '@/lib/server/cases/apply-case-action';
import { createCase } from '@/lib/server/cases/create-case';
import { checkUploads, incomingFiles, withStoredFiles } from '@/lib/server/cases/uploads';
import { findCustomerWithOpenCases } from '@/lib/server/cases/find-customer';
import { addRepeatContact } from '@/lib/server/cases/repeat-contact';
import { action } from '@/lib/server/core/action';
import { servedOverHttps } from '@/lib/server/core/security-headers';
import { ACCESS_CODE_COOKIE } from '@/lib/server/portal/portal-cookies';
import {
  CustomerLookupSchema,
  RepeatContactFormSchema,
  repeatContactInput,
  verbalFilingInput,
} from '@/lib/validation/verbal-filing';

const lookup = action({ access: 'staff', schema: CustomerLookupSchema }, async (ctx, who) => {
  const found = await findCustomerWithOpenCases(ctx, who);
  return {
    ...found,
    openCases: found.openCases.map((c) => ({ ...c, receivedAt: c.receivedAt.toISOString() })),
  };
});

/** A filing taken by phone, in person or from a letter, with the documents handed in (the scanned letter). */
const intake = action({ access: 'staff', schema: z.looseObject({}) }, async (ctx, fields) => {
  const checked = await checkUploads(await incomingFiles(fields.attachments ?? []));
  const created = await withStoredFiles(checked, (stored) =>
    createCase(ctx, verbalFilingInput(fields), { attachments: stored }),
  );
  // The person who took the call usually keeps the case.
  if (fields.assignToMe === 'on')
    await applyCaseAction(ctx, { caseId: created.id, action: 'take' });
  if (created.accessCode) {
    (await cookies()).set(ACCESS_CODE_COOKIE, created.accessCode, {
      httpOnly: true,
      sameSite: 'strict',
      secure: servedOverHttps(),
      path: `/casos/${created.radicado}/constancia`,
      maxAge: 10 * 60,
    });
  }
  return { radicado: created.radicado };
});

const repeat = action(
  { access: 'staff', schema: RepeatContactFormSchema },
  async (ctx, { caseId, ...fields }) =>
    (await addRepeatContact(ctx, { caseId, ...repeatContactInput(fields) })).radicado,
);

export async function lookupCustomer(body: FormBody) {
  return lookup(body);
}
export async function radicarVerbal(body: FormBody) {
  return intake(body);
}
/** The intake form with the chosen open case's id (`caseId`) added. */
export async function addAsRepeatContact(body: FormBody) {
  return repeat(body);
}
