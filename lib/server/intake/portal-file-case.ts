import 'server-only';
import { CaseFilingSchema, portalFilingFromForm } from '@/lib/validation/case-filing';
import { SYSTEM_ACTOR } from '../core/actor';
import { createCase, type CreatedCase } from '../cases/create-case';
import { asActor, type Ctx } from '../core/context';
import { AppError } from '../core/errors';
import { parseInput } from '../core/parse';
import { consumeLimit, type LimitSpec } from '../core/rate-limit';
import { addRepeatContact, findOpenCaseOfSameType } from '../cases/repeat-contact';
import { checkUploads, incomingFiles, UPLOAD_LIMITS, withStoredFiles } from '../cases/uploads';
import { VISITOR } from '../portal/actors';
import { replayedFiling, submissionIdOf } from './filing-replay';

/** One address may file 20 requests an hour: enough for a family or a kiosk, not for a flood. */
export const FILING_IP_LIMIT: LimitSpec = {
  name: 'filing-ip',
  points: 20,
  durationSeconds: 60 * 60,
  blockSeconds: 60 * 60,
};

/** Beyond the attachments' own limit, a body this large is refused before it is read. */
export const MAX_FILING_BYTES = UPLOAD_LIMITS.maxFiles * UPLOAD_LIMITS.maxBytes + 1024 * 1024;

export type PortalFilingResult =
  | { kind: 'created'; created: Pick<CreatedCase, 'id' | 'radicado' | 'accessCode'> }
  | { kind: 'open_case'; radicadoTail: string; receivedAt: Date }
  | { kind: 'added_to_case'; radicadoTail: string };

type FormFields = Record<string, unknown>;

const tail = (radicado: string) => radicado.slice(-4);

/**
 * A filing from the public form (its fields as one object, files as `File[]`): rate limit by the
 * client's address → honeypot → schema → attachments checked by content → an open case of the same
 * type is offered first → files stored, then the case; if the case is not written, the files are
 * removed again, so a refusal leaves nothing behind.
 */
export async function fileFromPortal(
  ctx: Ctx,
  input: FormFields,
  extras: { clientIp: string },
): Promise<PortalFilingResult> {
  const limit = await consumeLimit(ctx.db, FILING_IP_LIMIT, extras.clientIp);
  if (limit.isLimited) {
    throw new AppError('RATE_LIMITED', 'too many filings', {
      detail: { retryAfterSeconds: limit.retryAfterSeconds },
    });
  }
  // Bots fill every field; people never see this one.
  if (String(input.website ?? '') !== '') {
    throw new AppError('VALIDATION', 'honeypot', { fieldErrors: { _form: ['invalid'] } });
  }
  const raw = portalFilingFromForm(input);
  const filing = parseInput(CaseFilingSchema, raw);
  // The same press of the send button again: the case it already made, not a second one.
  const submissionId = submissionIdOf(input);
  const replayed = submissionId ? await replayedFiling(ctx, submissionId) : null;
  if (replayed) return { kind: 'created', created: replayed };
  const checked = await checkUploads(await incomingFiles(input.attachments));

  const onOpenCase = input.onOpenCase;
  // Offered only when document AND email match the case on record (see findOpenCaseOfSameType).
  if (filing.customer?.email && onOpenCase !== 'new') {
    const open = await findOpenCaseOfSameType(ctx.db, filing.customer, filing.typeCode);
    if (open && onOpenCase === 'add') {
      await addRepeatContact(asActor(ctx, SYSTEM_ACTOR), {
        caseId: open.id,
        subject: filing.subject,
        description: filing.description,
        channel: 'web',
      });
      return { kind: 'added_to_case', radicadoTail: tail(open.radicado) };
    }
    if (open)
      return { kind: 'open_case', radicadoTail: tail(open.radicado), receivedAt: open.receivedAt };
  }

  return withStoredFiles(checked, async (stored) => {
    const created = await createCase(asActor(ctx, VISITOR), raw, {
      attachments: stored,
      submissionId,
    });
    return { kind: 'created', created };
  });
}
