import 'server-only';
import { first } from '@/db/rows';
import { eq } from 'drizzle-orm';
import { attachments, caseEvents, cases } from '@/db/tables';
import { DECISIONS, STAFF_ROLES, type Decision, type StaffRole } from '@/lib/domain/enums';
import { SYSTEM_ACTOR, type Actor } from '../core/actor';
import { atTime, type Ctx } from '../core/context';
import { getOrganization } from '../core/organization';
import { serverTranslator } from '../notices/translator';
import { buildAnswerLetter, type AnswerLetter } from './letter-model';
import { answerLetterPdf } from './prepare-answer-letter';

/**
 * The letter with nobody in it: no recipient (the anonymous heading and greeting) and every other
 * text passed through `redact` (the subject, the answer's paragraphs, the title, the file name).
 */
export function redactLetter(letter: AnswerLetter, redact: (s: string) => string): AnswerLetter {
  const t = serverTranslator(letter.locale);
  const line = (l: { label: string; value: string }) => ({ ...l, value: redact(l.value) });
  return {
    ...letter,
    fileName: redact(letter.fileName),
    title: redact(letter.title),
    reference: letter.reference.map(line),
    recipient: { heading: letter.recipient.heading, lines: [t('letter.anonymous')] },
    subject: line(letter.subject),
    decision: letter.decision && line(letter.decision),
    greeting: t('letter.greetingAnon'),
    paragraphs: letter.paragraphs.map(redact),
  };
}

const asDecision = (v: unknown): Decision =>
  (DECISIONS as readonly unknown[]).includes(v) ? (v as Decision) : 'concede';

/** Who signed the answer, as far as the event tells (a staff member, else the service). */
function signerOfEvent(role: string, id: number | null): Actor {
  if (id === null || !(STAFF_ROLES as readonly string[]).includes(role)) return SYSTEM_ACTOR;
  return { role: role as StaffRole, id, teamId: null };
}

/**
 * One stored answer letter drawn again as it was (its answer's text, decision and signer, its own
 * date) but redacted: the PDF that replaces it once its petitioner is anonymised. Null when the
 * row is gone.
 */
export async function redactedAnswerLetterPdf(
  ctx: Ctx,
  attachmentId: number,
  redact: (s: string) => string,
): Promise<{ name: string; bytes: Uint8Array } | null> {
  const found = await first(
    ctx.db
      .select({ createdAt: attachments.createdAt, kase: cases, event: caseEvents })
      .from(attachments)
      .innerJoin(cases, eq(cases.id, attachments.caseId))
      .leftJoin(caseEvents, eq(caseEvents.id, attachments.eventId))
      .where(eq(attachments.id, attachmentId)),
  );
  if (!found) return null;
  const { createdAt, kase, event } = found;
  const letter = await buildAnswerLetter(ctx.db, {
    row: kase,
    decision: asDecision(event?.data?.decision ?? kase.decision),
    body: event?.body ?? '',
    signer: event ? signerOfEvent(event.actorRole, event.actorId) : SYSTEM_ACTOR,
    org: await getOrganization(ctx.db),
    now: createdAt,
  });
  const redacted = redactLetter(letter, redact);
  return {
    name: redacted.fileName,
    bytes: await answerLetterPdf(atTime(ctx, createdAt), redacted),
  };
}
