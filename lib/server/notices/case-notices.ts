import 'server-only';
import { first } from '@/db/rows';
import { splitForMail, type CaseFile } from './mail-files';
import { eq } from 'drizzle-orm';
import type { Conn } from '@/db/client';
import { customers } from '@/db/tables';
import { attachmentsInOrder } from '../cases/attachment-rows';
import { env } from '@/lib/env';
import type { Decision, Locale } from '@/lib/domain/enums';
import type { CaseRow } from '../cases/case-effects';
import { enqueueMail } from './outbox';
import { caseLinkUrl, EMAIL_LINK_DAYS } from '../portal/portal-access';
import { getOrganization } from '../core/organization';
import { mailBrand } from './brand';
import { renderMail, type MailBlock, type MailBrand } from './layout';
import { formatInstant, formatLocalDate, promiseWords, serverTranslator } from './translator';
import { enqueueLetterNotice } from './letter-notices';
import { enqueueWebhookNotice } from './webhook-notices';

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
  'callback',
  'promise_made',
  'promise_kept',
  'promise_renegotiate',
  'survey',
  'pd_silence',
  'positive_silence',
  'suspension',
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
  request_callback: 'callback',
  accept_by_silence: 'pd_silence',
  term_suspended: 'suspension',
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
  'callback',
  'promise_made',
  'promise_kept',
  'promise_renegotiate',
  'pd_silence',
  'positive_silence',
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
  /** Files of the message: those that travel attached, and those too large, left to download. */
  files?: { attached: readonly CaseFile[]; linked: readonly CaseFile[] };
}

/**
 * What a notice says, before any layout: its subject and the message itself (the intro line, the
 * decision, the agent's words or reason, the closing note), shared by e-mail and webhook.
 */
export function noticeMessage(input: NoticeInput): { subject: string; blocks: MailBlock[] } {
  const t = serverTranslator(input.locale);
  const k = `mail.notice.${input.kind}` as const;
  const vars = {
    radicado: input.radicado,
    orgName: input.orgName,
    reason: input.body ?? '',
    dueDate: input.dueDate ? formatLocalDate(input.locale, input.dueDate) : '',
    destination: input.destination ?? '',
    description: input.promise ? promiseWords(t, input.promise.description) : '',
    dueAt: input.promise
      ? (({ date, time }) => `${date}, ${time}`)(
          formatInstant(input.locale, input.promise.dueAt, input.timeZone),
        )
      : '',
  };
  const blocks: MailBlock[] = [{ kind: 'paragraph', text: t(`${k}.intro`, vars) }];
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
  for (const [key, list] of [
    ['filesAttached', input.files?.attached],
    ['filesLinked', input.files?.linked],
  ] as const) {
    if (list?.length) {
      const names = list.map((f) => f.name).join(', ');
      blocks.push({
        kind: 'paragraph',
        text: t(`mail.notice.${key}`, { count: list.length, names }),
      });
    }
  }
  if (input.kind === 'info_request' || input.kind === 'answer') {
    blocks.push({ kind: 'paragraph', text: t(`mail.notice.${input.kind}.note`) });
  }
  return { subject: t(`${k}.subject`, vars), blocks };
}

export function composeCaseNotice(input: NoticeInput): {
  subject: string;
  text: string;
  html: string;
} {
  const t = serverTranslator(input.locale);
  const { subject, blocks: message } = noticeMessage(input);
  const blocks: MailBlock[] = [
    { kind: 'title', text: t(`mail.notice.${input.kind}.heading`) },
    ...message,
  ];
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
    footer: [t('mail.layout.footer', { orgName: input.orgName, radicado: input.radicado })],
  };
  return { subject, ...renderMail(input.locale, blocks, frame) };
}

/**
 * The address a case's notices go to: the identified customer's e-mail, or for a filing whose
 * identity is still pending (e-mail, API) the address it came from.
 */
export async function noticeAddress(
  tx: Conn,
  row: Pick<CaseRow, 'customerId' | 'isAnonymous' | 'responseMedium' | 'responseAddress'>,
) {
  if (row.isAnonymous) return null;
  if (row.customerId === null) {
    return row.responseMedium === 'email' ? row.responseAddress : null;
  }
  return (
    (
      await first(
        tx
          .select({ email: customers.email })
          .from(customers)
          .where(eq(customers.id, row.customerId)),
      )
    )?.email ?? null
  );
}

/**
 * Queues a notice in the caller's transaction, once per `dedupeKey`: to the case's API channel
 * webhook when it is answered through the channel, as a letter to post when it is answered by post
 * (one row either way), else by e-mail. Returns the
 * outbox id, or null when there is nowhere to send it (anonymous, postal only, no webhook or e-mail).
 */
export async function enqueueCaseNotice(
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
): Promise<number | null> {
  const input: NoticeInput = {
    ...notice,
    brand: notice.brand ?? mailBrand(await getOrganization(tx)),
    locale: row.locale,
    radicado: row.radicado,
    accessUrl: caseLinkUrl(row.id, row.radicado, now),
  };
  // Answered through its API channel: the message is POSTed to the channel's webhook instead.
  if (row.responseMedium === 'api') {
    const queued = await enqueueWebhookNotice(
      tx,
      { caseId: row.id, kind: input.kind, locale: row.locale, radicado: row.radicado },
      { ...noticeMessage(input), accessUrl: input.accessUrl },
      { now, dedupeKey, attachmentIds },
    );
    if (queued !== null) return queued;
  }
  // Answered by post: the notice becomes a letter to print and post (a survey is a web link).
  if (row.responseMedium === 'postal' && input.kind !== 'survey') {
    const queued = await enqueueLetterNotice(
      tx,
      { ...row, caseId: row.id, kind: input.kind },
      noticeMessage(input),
      { now, dedupeKey, attachmentIds },
    );
    if (queued !== null) return queued;
  }
  const to = await noticeAddress(tx, row);
  if (!to) return null;
  const files = splitForMail(
    await attachmentsInOrder(tx, attachmentIds),
    env().MAIL_ATTACHMENTS_MAX_BYTES,
  );
  return await enqueueMail(tx, {
    kind: notice.kind,
    caseId: row.id,
    to,
    ...composeCaseNotice({ ...input, files }),
    locale: row.locale,
    now,
    dedupeKey,
    attachmentIds: files.attached.map((f) => f.id),
  });
}

/**
 * The notice a case action sends, if any, queued with its event (same transaction). An answer
 * sent by post (medio de respuesta postal) is printed, not mailed.
 */
export async function noticeForAction(
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
): Promise<number | null> {
  const mapped = NOTICE_OF_ACTION[args.action];
  if (!mapped) return null;
  // Silence at expiry: a PD request's copies are owed, or (Ley 142) the request was granted.
  const kind = mapped === 'pd_silence' && args.row.typeCode !== 'PD' ? 'positive_silence' : mapped;
  const { row, data } = args;
  if (kind === 'answer' && row.responseMedium === 'postal') return null;
  // The petitioner asked for the call: they get a confirmation of when it is due.
  const promise =
    PROMISE_KINDS.includes(kind) && typeof data?.dueAt === 'string'
      ? { description: args.body ?? '', dueAt: new Date(data.dueAt) }
      : null;
  return await enqueueCaseNotice(
    tx,
    row,
    {
      kind,
      orgName: args.org.name,
      timeZone: args.org.timeZone,
      body: args.body,
      decision: row.decision,
      dueDate: row.dueDate,
      destination: row.transferDestination,
      promise,
    },
    { now: args.now, dedupeKey: `event.${args.eventId}`, attachmentIds: args.attachmentIds },
  );
}
