import 'server-only';
import type { Conn } from '@/db/client';
import { casePauses, cases, filingSubmissions } from '@/db/tables';
import { toLocalDate } from '@/lib/domain/calendar';
import type { CaseType } from '@/lib/domain/enums';
import { computeLegalTerm } from '@/lib/domain/legal-term';
import { suspensionPause } from '@/lib/domain/term-suspension';
import { CaseFilingSchema, isIdentityPending, type CaseFiling } from '@/lib/validation/case-filing';
import { isStaff } from '../core/actor';
import { appendEvent } from '../core/audit';
import { dueColumns, suspensionsCovering, termInForce } from './case-terms';
import { offerRepeatContact } from '../petitioners/known-petitioner';
import { AppError } from '../core/errors';
import { getOrganization, loadCalendar, receiptRuleOf } from '../core/organization';
import { parseInput } from '../core/parse';
import type { Ctx } from '../core/context';
import { withGroupedTransaction } from '../core/group-commit';
import { driverValues, placeholders, preparedQuery } from '../core/prepared';
import { takeRadicado } from './radicado-sequence';
import { generateAccessCode, hashSecret } from '../core/secrets';
import { enqueueConstancia } from '../notices/constancia';
import { mailBrand } from '../notices/brand';
import { recordAttachments, type StoredUpload } from './uploads';
import { verbalRecordOf } from './verbal-record';
import { allowsAnonymous, checkChannelAnswer, recordConsent, upsertCustomer } from './filing-rows';
import { routeNewCase } from '../routing/route-new-case';

export interface CreatedCase {
  id: number;
  radicado: string;
  typeCode: CaseType;
  channel: CaseFiling['channel'];
  receivedAt: Date;
  dueDate: string | null;
  dueAt: Date | null;
  termDays: number | null;
  /** Shown once to an anonymous filer; only its hash is stored. */
  accessCode: string | null;
}

/** What a channel adds to a filing beyond the petitioner's input (not parsed: already checked). */
export interface CaseExtras {
  /**
   * The intake API channel it came through (recorded on the case and its filing event; scopes the
   * API key). Only such a filing may be answered through the channel (responseMedium 'api').
   */
  intakeChannelId?: number;
  /** Files already checked and stored (uploads.ts); their rows join the filing's transaction. */
  attachments?: StoredUpload[];
  /**
   * E-mail and API intake: when the petitioner already has an open case, offer this one to staff
   * as a possible repeat contact of it (issue 14 §5).
   */
  offerRepeat?: boolean;
  /** The portal's one press of the send button: recorded with the case (filing_submissions). */
  submissionId?: string;
  /** The team the channel feeds (a mailbox's), instead of the routing rules' choice. */
  teamId?: number | null;
  /**
   * Rows the channel writes with the case, in its transaction (a mailbox's record of the message):
   * when it throws, the case is not radicated either.
   */
  alongside?: (tx: Conn, caseId: number) => void | Promise<void>;
}

/** What a new case sets; the rest take their defaults. Built once per connection: every filing runs it. */
const CASE_COLUMNS = [
  'radicado',
  'typeCode',
  'state',
  'channel',
  'subject',
  'description',
  'priority',
  'priorityReason',
  'customerId',
  'isAnonymous',
  'accessCodeHash',
  'responseMedium',
  'intakeChannelId',
  'responseAddress',
  'locale',
  'receivedAt',
  'termDays',
  'regime',
  'dueDate',
  'dueAt',
  'isPaused',
  'createdById',
  'updatedAt',
] as const;

const insertCase = preparedQuery((db) =>
  db.insert(cases).values(placeholders(CASE_COLUMNS)).returning({ id: cases.id }).prepare(),
);

/**
 * Radicates a case from any channel: the case, its radicado, the consent record and the first audit
 * event commit together or not at all.
 */
export async function createCase(
  ctx: Ctx,
  input: unknown,
  extras: CaseExtras = {},
): Promise<CreatedCase> {
  const { actor, now } = ctx;
  const filing = parseInput(CaseFilingSchema, input);
  // Petitioners file for themselves on the web; every other channel is recorded by staff or a system.
  if (actor.role === 'customer' && filing.channel !== 'web') throw new AppError('FORBIDDEN');

  // Many filings at once commit together (core/group-commit.ts), each still alone in its savepoint.
  return withGroupedTransaction(ctx, async ({ db: tx }) => {
    await checkChannelAnswer(tx, filing, extras.intakeChannelId);
    const isAnonymousAllowed = await allowsAnonymous(tx, filing.typeCode);
    if (filing.isAnonymous && !isAnonymousAllowed) {
      throw new AppError('VALIDATION', 'anonymous not allowed', {
        fieldErrors: { isAnonymous: ['anonymousNotAllowed'] },
      });
    }
    const org = await getOrganization(tx);
    const cal = await loadCalendar(tx, org);
    const receiptRule = receiptRuleOf(org);
    const year = Number(toLocalDate(now, org.timeZone).slice(0, 4));
    const radicado = await takeRadicado(tx, org.radicadoPrefix, year);
    const termDays = await termInForce(tx, filing.typeCode, now);
    // A suspension of terms still to end when the case arrives covers it from the start.
    const suspensions =
      termDays === null ? [] : await suspensionsCovering(tx, filing.typeCode, now, org.timeZone);
    const pauses = suspensions.map((s) => suspensionPause(s, org.timeZone));
    const term =
      termDays === null
        ? null
        : computeLegalTerm({ receivedAt: now, termDays, receiptRule, pauses }, cal);
    const due = dueColumns(term);
    const customerId = await upsertCustomer(tx, filing, now);
    const accessCode = filing.isAnonymous ? generateAccessCode() : null;
    const staffId = isStaff(actor) ? actor.id : null;

    const created = (await insertCase(tx).get(
      driverValues(cases, {
        radicado,
        typeCode: filing.typeCode,
        state: 'radicada',
        channel: filing.channel,
        subject: filing.subject,
        description: filing.description,
        priority: filing.priority,
        priorityReason: filing.priorityReason ?? null,
        customerId,
        isAnonymous: filing.isAnonymous,
        accessCodeHash: accessCode ? hashSecret(accessCode) : null,
        // An anonymous filer can still be answered through the channel they wrote from.
        responseMedium:
          filing.isAnonymous && filing.responseMedium !== 'api' ? 'email' : filing.responseMedium,
        intakeChannelId: extras.intakeChannelId ?? null,
        responseAddress: filing.responseAddress ?? filing.customer?.address ?? null,
        locale: filing.locale,
        receivedAt: now,
        termDays,
        // The regime in force now keeps governing the case (its extension, silence, withdrawal).
        regime: org.regime,
        ...due,
        createdById: staffId,
        updatedAt: now,
      } satisfies Record<(typeof CASE_COLUMNS)[number], unknown>),
    ))!;

    for (const [i, s] of suspensions.entries()) {
      await tx.insert(casePauses).values({ caseId: created.id, ...pauses[i]!, suspensionId: s.id });
    }
    if (customerId !== null) {
      await recordConsent(tx, {
        customerId,
        caseId: created.id,
        policyVersion: org.privacyPolicyVersion,
        acceptedAt: now,
        channel: filing.channel,
      });
    }

    const eventId = await appendEvent(tx, {
      caseId: created.id,
      action: 'radicar',
      actorRole: actor.role,
      actorId: staffId,
      fromState: null,
      toState: 'radicada',
      visibility: 'public',
      data: {
        channel: filing.channel,
        typeCode: filing.typeCode,
        dueDate: due.dueDate,
        termDays,
        ...(extras.intakeChannelId ? { intakeChannelId: extras.intakeChannelId } : {}),
      },
      createdAt: now,
    });
    await recordAttachments(tx, created.id, eventId, extras.attachments ?? [], 'public', now);
    if (extras.submissionId) {
      await tx
        .insert(filingSubmissions)
        .values({ submissionId: extras.submissionId, caseId: created.id, createdAt: now });
    }
    // Every case belongs to a team from the moment it arrives (issue 14).
    await routeNewCase(
      tx,
      {
        id: created.id,
        typeCode: filing.typeCode,
        channel: filing.channel,
        categoryId: null,
        priority: filing.priority,
        subject: filing.subject,
        description: filing.description,
      },
      now,
      extras.teamId,
    );
    await extras.alongside?.(tx, created.id);
    if (extras.offerRepeat && !filing.isAnonymous) {
      const email = filing.customer?.email ?? filing.responseAddress;
      await offerRepeatContact(tx, { id: created.id, customerId, email }, now);
    }
    // The constancia is queued with the filing itself (both commit, or neither does); the sender
    // composes it.
    const email = filing.isAnonymous
      ? null
      : filing.customer
        ? filing.customer.email
        : isIdentityPending(filing)
          ? filing.responseAddress
          : null;
    if (email) {
      await enqueueConstancia(tx, {
        caseId: created.id,
        to: email,
        now,
        locale: filing.locale,
        orgName: org.name,
        radicado,
        typeCode: filing.typeCode,
        channel: filing.channel,
        receivedAt: now,
        timeZone: org.timeZone,
        dueDate: due.dueDate,
        brand: mailBrand(org),
        verbal: await verbalRecordOf(tx, created.id),
      });
    }

    return {
      id: created.id,
      radicado,
      typeCode: filing.typeCode,
      channel: filing.channel,
      receivedAt: now,
      dueDate: due.dueDate,
      dueAt: due.dueAt,
      termDays,
      accessCode,
    };
  });
}
