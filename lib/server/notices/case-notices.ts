import 'server-only';
import { eq } from 'drizzle-orm';
import type { Conn } from '@/db/client';
import { customers } from '@/db/schema';
import type { Decision, Locale } from '@/lib/domain/enums';
import type { CaseRow } from '../cases/case-effects';
import { enqueueMail } from './outbox';
import { caseLinkUrl, EMAIL_LINK_DAYS } from '../portal/portal-access';
import { getOrganization } from '../core/organization';
import { mailBrand } from './brand';
import { renderMail, type MailBlock, type MailBrand } from './layout';
import { formatInstant, formatLocalDate, serverTranslator } from './translator';

/** Customer notifications other than the constancia (DOMAIN.md §3–5, issue: channels). */
export const NOTICE_KINDS = [
  'info_request',
  'reply',
  'extension',
  'answer',
  'close',
  'reopen',
  'withdraw',
  'withdraw_tacit',
  'transfer',
  'promise_made',
  'promise_kept',
  'promise_renegotiate',
  'survey',
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** The case action whose event a customer is told about, and the notice it sends. */
const NOTICE_OF_ACTION: Readonly<Partial<Record<string, NoticeKind>>> = {
  reply: 'reply',
  request_info: 'info_request',
  extend: 'extension',
  answer: 'answer',
  close: 'close',
  auto_close: 'close',
  reopen: 'reopen',
  withdraw: 'withdraw',
  withdraw_tacit: 'withdraw_tacit',
  transfer: 'transfer',
  add_promise: 'promise_made',
};

/** Notices whose text is a reason the agent gave ("Motivo: …"), not a message of their own. */
const REASON_KINDS: readonly NoticeKind[] = [
  'extension',
  'transfer',
  'promise_renegotiate',
  'reopen',
  'withdraw',
];
/** Notices that tell what was promised; the promise's own words are in the intro. */
const PROMISE_KINDS: readonly NoticeKind[] = [
  'promise_made',
  'promise_kept',
  'promise_renegotiate',
];

export interface NoticeInput {
  kind: NoticeKind;
  locale: Locale;
  orgName: string;
  /** The letterhead (name, NIT, logo); queued notices read it from the organisation. */
  brand?: MailBrand;
  radicado: string;
  timeZone: string;
  accessUrl: string;
  /** What the agent wrote: the request, the answer, the reason. */
  body?: string | null;
  decision?: Decision | null;
  dueDate?: string | null;
  destination?: string | null;
  promise?: { description: string; dueAt: Date } | null;
}

export function composeCaseNotice(input: NoticeInput): {
  subject: string;
  text: string;
  html: string;
} {
  const t = serverTranslator(input.locale);
  const k = `mail.notice.${input.kind}` as const;
  const vars = {
    radicado: input.radicado,
    orgName: input.orgName,
    reason: input.body ?? '',
    dueDate: input.dueDate ? formatLocalDate(input.locale, input.dueDate) : '',
    destination: input.destination ?? '',
    description: input.promise?.description ?? '',
    dueAt: input.promise
      ? (({ date, time }) => `${date} ${time}`)(
          formatInstant(input.locale, input.promise.dueAt, input.timeZone),
        )
      : '',
  };
  const blocks: MailBlock[] = [
    { kind: 'title', text: t(`${k}.heading`) },
    { kind: 'paragraph', text: t(`${k}.intro`, vars) },
  ];
  if (input.kind === 'answer' && input.decision) {
    blocks.push({
      kind: 'facts',
      rows: [
        {
          label: t('mail.notice.decisionLabel'),
          value: t(`mail.notice.decisions.${input.decision}`),
        },
      ],
    });
  }
  const hasReason = REASON_KINDS.includes(input.kind);
  if (input.body && !(PROMISE_KINDS.includes(input.kind) && !hasReason)) {
    blocks.push({
      kind: 'paragraph',
      text: hasReason ? t(`mail.notice.${input.kind as 'extension'}.reason`, vars) : input.body,
    });
  }
  if (input.kind === 'info_request' || input.kind === 'answer') {
    blocks.push({ kind: 'paragraph', text: t(`mail.notice.${input.kind}.note`) });
  }
  if (input.kind !== 'withdraw_tacit' && input.kind !== 'transfer') {
    blocks.push({
      kind: 'link',
      intro: t('mail.notice.openCaseIntro', { days: EMAIL_LINK_DAYS }),
      label:
        input.kind === 'survey' ? t('mail.notice.survey.linkLabel') : t('mail.notice.openCase'),
      url: input.accessUrl,
    });
  }
  const frame = {
    brand: input.brand ?? { name: input.orgName, taxId: null, logoUrl: null },
    radicado: input.radicado,
    footer: [t('mail.layout.footer', vars)],
  };
  return { subject: t(`${k}.subject`, vars), ...renderMail(input.locale, blocks, frame) };
}

/**
 * The address a case's notices go to: the identified customer's e-mail, or for a filing whose
 * identity is still pending (e-mail, API) the address it came from.
 */
export function noticeAddress(
  tx: Conn,
  row: Pick<CaseRow, 'customerId' | 'isAnonymous' | 'responseMedium' | 'responseAddress'>,
) {
  if (row.isAnonymous) return null;
  if (row.customerId === null) {
    return row.responseMedium === 'email' ? row.responseAddress : null;
  }
  return (
    tx
      .select({ email: customers.email })
      .from(customers)
      .where(eq(customers.id, row.customerId))
      .get()?.email ?? null
  );
}

/**
 * Queues a notice in the caller's transaction, once per `dedupeKey`. Returns the outbox id, or null
 * when the customer has no e-mail (anonymous, or postal only).
 */
export function enqueueCaseNotice(
  tx: Conn,
  row: Pick<
    CaseRow,
    | 'id'
    | 'radicado'
    | 'customerId'
    | 'isAnonymous'
    | 'locale'
    | 'responseMedium'
    | 'responseAddress'
  >,
  notice: Omit<NoticeInput, 'locale' | 'radicado' | 'accessUrl'>,
  {
    now,
    dedupeKey,
    attachmentIds,
  }: { now: Date; dedupeKey: string; attachmentIds?: readonly number[] },
): number | null {
  const to = noticeAddress(tx, row);
  if (!to) return null;
  const input: NoticeInput = {
    ...notice,
    brand: notice.brand ?? mailBrand(getOrganization(tx)),
    locale: row.locale,
    radicado: row.radicado,
    accessUrl: caseLinkUrl(row.id, row.radicado, now),
  };
  return enqueueMail(tx, {
    kind: notice.kind,
    caseId: row.id,
    to,
    ...composeCaseNotice(input),
    locale: row.locale,
    now,
    dedupeKey,
    attachmentIds,
  });
}

/**
 * The notice a case action sends, if any, queued with its event (same transaction). An answer
 * sent by post (medio de respuesta postal) is printed, not mailed.
 */
export function noticeForAction(
  tx: Conn,
  args: {
    row: CaseRow;
    action: string;
    body: string | null;
    data: Record<string, unknown> | null;
    eventId: number;
    /** The public files that went with the event: they travel with its notice. */
    attachmentIds?: readonly number[];
    org: { name: string; timeZone: string };
    now: Date;
  },
): number | null {
  const kind = NOTICE_OF_ACTION[args.action];
  if (!kind) return null;
  const { row, data } = args;
  if (kind === 'answer' && row.responseMedium !== 'email') return null;
  // A call-back the petitioner asked for is their own request: they are not told of it again.
  if (kind === 'promise_made' && data?.kind === 'callback') return null;
  const promise =
    kind === 'promise_made' && typeof data?.dueAt === 'string'
      ? { description: args.body ?? '', dueAt: new Date(data.dueAt) }
      : null;
  return enqueueCaseNotice(
    tx,
    row,
    {
      kind,
      orgName: args.org.name,
      timeZone: args.org.timeZone,
      body: args.body,
      decision: row.decision,
      dueDate: row.extendedDueDate ?? row.dueDate,
      destination: row.transferDestination,
      promise,
    },
    { now: args.now, dedupeKey: `event.${args.eventId}`, attachmentIds: args.attachmentIds },
  );
}
