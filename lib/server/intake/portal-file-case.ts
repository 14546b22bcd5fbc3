import 'server-only';
import { getDb, type Db } from '@/db/client';
import { CaseFilingSchema } from '@/lib/validation/case-filing';
import type { Actor } from '../core/actor';
import { createCase, type CreatedCase } from '../cases/create-case';
import { AppError } from '../core/errors';
import { parseInput } from '../core/parse';
import { consumeLimit, type LimitSpec } from '../core/rate-limit';
import { addRepeatContact, findOpenCaseOfSameType } from '../cases/repeat-contact';
import { checkUploads, filesFromFormData, storeUploads, UPLOAD_LIMITS } from '../cases/uploads';
import { makeCtx } from '@/lib/server/core/context';

/** One address may file 20 requests an hour: enough for a family or a kiosk, not for a flood. */
export const FILING_IP_LIMIT: LimitSpec = {
  name: 'filing-ip',
  points: 20,
  durationSeconds: 60 * 60,
  blockSeconds: 60 * 60,
};

/** Beyond the attachments' own limit, a body this large is refused before it is read. */
export const MAX_FILING_BYTES = UPLOAD_LIMITS.maxFiles * UPLOAD_LIMITS.maxBytes + 1024 * 1024;

const PORTAL_CUSTOMER: Actor = { role: 'customer', id: null, caseId: null };

export type PortalFilingResult =
  | { kind: 'created'; created: CreatedCase }
  | { kind: 'open_case'; radicadoTail: string; receivedAt: Date }
  | { kind: 'added_to_case'; radicadoTail: string };

/** The form's flat names (`customer.email`) become the nested filing the schema expects. */
function filingFromForm(form: FormData) {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === 'string' ? value : undefined;
  };
  const isAnonymous = text('isAnonymous') === 'true';
  return {
    typeCode: text('typeCode'),
    channel: 'web',
    subject: text('subject'),
    description: text('description'),
    isAnonymous,
    hasConsent: text('hasConsent') === 'true',
    locale: text('locale'),
    responseMedium: 'email',
    customer: isAnonymous
      ? undefined
      : {
          documentType: text('customer.documentType'),
          documentNumber: text('customer.documentNumber'),
          fullName: text('customer.fullName'),
          email: text('customer.email'),
          phone: text('customer.phone'),
        },
  };
}

const tail = (radicado: string) => radicado.slice(-4);

/**
 * A filing from the public form: rate limit → honeypot → schema → attachments checked by content →
 * an open case of the same type is offered first → files stored, then the case; if the case is not
 * written, the files are removed again, so a refusal leaves nothing behind.
 */
export async function fileFromPortal(
  form: FormData,
  clientIp: string,
  options: { db?: Db; now?: Date } = {},
): Promise<PortalFilingResult> {
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  const limit = await consumeLimit(db, FILING_IP_LIMIT, clientIp);
  if (limit.isLimited) {
    throw new AppError('RATE_LIMITED', 'too many filings', {
      detail: { retryAfterSeconds: limit.retryAfterSeconds },
    });
  }
  // Bots fill every field; people never see this one.
  if (String(form.get('website') ?? '') !== '') {
    throw new AppError('VALIDATION', 'honeypot', { fieldErrors: { _form: ['invalid'] } });
  }
  const input = filingFromForm(form);
  const filing = parseInput(CaseFilingSchema, input);
  const checked = await checkUploads(await filesFromFormData(form));

  const onOpenCase = form.get('onOpenCase');
  // Offered only when document AND email match the case on record (see findOpenCaseOfSameType).
  if (filing.customer?.email && onOpenCase !== 'new') {
    const open = findOpenCaseOfSameType(db, filing.customer, filing.typeCode);
    if (open && onOpenCase === 'add') {
      addRepeatContact(
        open.id,
        { subject: filing.subject, description: filing.description, channel: 'web' },
        { role: 'system', id: null },
        { db, now },
      );
      return { kind: 'added_to_case', radicadoTail: tail(open.radicado) };
    }
    if (open)
      return { kind: 'open_case', radicadoTail: tail(open.radicado), receivedAt: open.receivedAt };
  }

  const { stored, discard } = storeUploads(checked);
  try {
    const created = await createCase(makeCtx(db, PORTAL_CUSTOMER, now), input, {
      attachments: stored,
    });
    return { kind: 'created', created };
  } catch (error) {
    discard();
    throw error;
  }
}
