'use server';

import { cookies } from 'next/headers';
import { z } from 'zod';
import { requestCtx } from '@/lib/server/core/context';
import { CHANNELS, DOCUMENT_TYPES } from '@/lib/domain/enums';
import { staffAction } from '@/lib/server/core/action';
import { applyCaseAction } from '@/lib/server/cases/apply-case-action';
import { createCase } from '@/lib/server/cases/create-case';
import { findCustomerWithOpenCases } from '@/lib/server/cases/find-customer';
import { ACCESS_CODE_COOKIE } from '@/lib/server/portal/portal-cookies';
import { addRepeatContact } from '@/lib/server/cases/repeat-contact';

const VERBAL_CHANNELS = [
  'phone',
  'walk_in',
  'postal',
  'email',
  'chat',
  'whatsapp',
  'social',
] as const;
const fields = (form: FormData) =>
  Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === 'string')) as Record<
    string,
    string
  >;

const lookup = staffAction(
  {
    schema: z.object({
      documentType: z.enum(DOCUMENT_TYPES),
      documentNumber: z.string().trim().min(3, { error: 'tooShort' }).max(20),
    }),
  },
  (who) => {
    const found = findCustomerWithOpenCases(who);
    return {
      ...found,
      openCases: found.openCases.map((c) => ({ ...c, receivedAt: c.receivedAt.toISOString() })),
    };
  },
);

const intake = staffAction(
  { schema: z.object({ fields: z.record(z.string(), z.string()) }) },
  async ({ fields: f }, actor) => {
    const isAnonymous = f.isAnonymous === 'true';
    const ctx = requestCtx(actor);
    const created = await createCase(ctx, {
      typeCode: f.typeCode || undefined,
      channel: (CHANNELS as readonly string[]).includes(f.channel ?? '') ? f.channel : undefined,
      subject: f.subject,
      description: f.description,
      isAnonymous,
      hasConsent: f.hasConsent === 'on',
      priority: f.priority || 'normal',
      priorityReason: f.priorityReason,
      responseMedium: f.responseMedium || 'email',
      responseAddress: f.responseAddress,
      customer: isAnonymous
        ? undefined
        : {
            documentType: f['customer.documentType'],
            documentNumber: f['customer.documentNumber'],
            fullName: f['customer.fullName'],
            email: f['customer.email'],
            phone: f['customer.phone'],
            address: f.responseAddress,
          },
    });
    // The person who took the call usually keeps the case.
    if (f.assignToMe === 'on') await applyCaseAction(ctx, { caseId: created.id, action: 'take' });
    if (created.accessCode) {
      (await cookies()).set(ACCESS_CODE_COOKIE, created.accessCode, {
        httpOnly: true,
        sameSite: 'strict',
        path: `/casos/${created.radicado}/constancia`,
        maxAge: 10 * 60,
      });
    }
    return { radicado: created.radicado };
  },
);

const repeat = staffAction(
  {
    schema: z.object({
      caseId: z.number().int().positive(),
      fields: z.record(z.string(), z.string()),
    }),
  },
  ({ caseId, fields: f }, actor) =>
    addRepeatContact(
      caseId,
      {
        subject: f.subject ?? '',
        description: f.description ?? '',
        channel: (VERBAL_CHANNELS as readonly string[]).includes(f.channel ?? '')
          ? (f.channel as 'phone')
          : 'phone',
      },
      actor,
    ).radicado,
);

export async function lookupCustomer(form: FormData) {
  return lookup(fields(form));
}
export async function radicarVerbal(form: FormData) {
  return intake({ fields: fields(form) });
}
export async function addAsRepeatContact(caseId: number, form: FormData) {
  return repeat({ caseId, fields: fields(form) });
}
