import 'server-only';
import type { Conn } from '@/db/client';
import { z } from 'zod';
import {
  CASE_TYPES,
  CHANNELS,
  LOCALES,
  type CaseType,
  type Channel,
  type Locale,
} from '@/lib/domain/enums';
import { enqueueMail } from './outbox';
import { appUrl, caseLinkUrl, EMAIL_LINK_DAYS } from '../portal/portal-access';
import { getOrganization } from '../core/organization';
import { mailBrand } from './brand';
import { renderMail, type MailBlock, type MailBrand } from './layout';
import { formatInstant, formatLocalDate, serverTranslator } from './translator';
import type { VerbalRecord } from '../cases/verbal-record';

export interface ConstanciaInput {
  locale: Locale;
  orgName: string;
  /** The letterhead (name, NIT, logo); the queued constancia reads it from the organisation. */
  brand?: MailBrand;
  radicado: string;
  typeCode: CaseType;
  channel: Channel;
  receivedAt: Date;
  /** The organisation's zone: the customer reads the time their request was received there. */
  timeZone: string;
  /** Legal due date (`YYYY-MM-DD`, org-local); null when the type has no legal term. */
  dueDate: string | null;
  /** The signed link to the case (portal-access.caseLinkUrl). */
  accessUrl: string;
  /** Only for an anonymous filing: its one way back into the case. */
  accessCode?: string | null;
  /** A petition made by word of mouth: what Decreto 1166 de 2016 has the constancia record. */
  verbal?: VerbalRecord | null;
}

/**
 * The constancia de radicación (DOMAIN.md §2): radicado, date and time received, type, channel, the
 * legal due date, and how to check the status.
 */
export function composeConstancia(input: ConstanciaInput): {
  subject: string;
  text: string;
  html: string;
} {
  const t = serverTranslator(input.locale);
  const received = formatInstant(input.locale, input.receivedAt, input.timeZone);
  const facts = [
    { label: t('mail.constancia.radicado'), value: input.radicado },
    {
      label: t('mail.constancia.receivedAt'),
      value: t('mail.constancia.receivedAtValue', received),
    },
    { label: t('mail.constancia.type'), value: t(`types.${input.typeCode}`) },
    { label: t('mail.constancia.channel'), value: t(`channels.${input.channel}`) },
    {
      label: t('mail.constancia.dueDate'),
      value: input.dueDate
        ? formatLocalDate(input.locale, input.dueDate)
        : t('mail.constancia.noLegalTerm'),
    },
  ];
  if (input.accessCode) {
    facts.push({ label: t('mail.constancia.accessCode'), value: input.accessCode });
  }
  const { verbal } = input;
  if (verbal) {
    const who = verbal.petitioner;
    facts.push(
      {
        label: t('mail.constancia.verbal.petitioner'),
        value: who
          ? [who.name, [who.documentType, who.documentNumber].filter(Boolean).join(' ')]
              .filter(Boolean)
              .join(' · ')
          : t('mail.constancia.verbal.anonymous'),
      },
      {
        label: t('mail.constancia.verbal.receivedBy'),
        value: verbal.receivedBy ?? t('mail.constancia.verbal.nobody'),
      },
    );
  }
  const verbalBlocks: MailBlock[] = verbal
    ? [
        { kind: 'heading', text: t('mail.constancia.verbal.heading') },
        {
          kind: 'paragraph',
          text: t('mail.constancia.verbal.statement', {
            channel: t(`channels.${input.channel}`),
          }),
        },
        {
          kind: 'facts',
          rows: [
            { label: t('mail.constancia.verbal.object'), value: verbal.subject },
            { label: t('mail.constancia.verbal.reasons'), value: verbal.description },
            {
              label: t('mail.constancia.verbal.documents'),
              value: verbal.documents.length
                ? verbal.documents.join(', ')
                : t('mail.constancia.verbal.noDocuments'),
            },
          ],
        },
      ]
    : [];
  const lookupUrl = `${appUrl()}/consulta`;

  const blocks: MailBlock[] = [
    { kind: 'title', text: t('mail.constancia.heading') },
    {
      kind: 'paragraph',
      text: t('mail.constancia.intro', { orgName: input.orgName, radicado: input.radicado }),
    },
    { kind: 'facts', rows: facts },
    ...verbalBlocks,
    ...(input.dueDate
      ? [{ kind: 'paragraph', text: t('mail.constancia.dueDateNote') } as const]
      : []),
    ...(input.accessCode
      ? [{ kind: 'paragraph', text: t('mail.constancia.accessCodeNote') } as const]
      : []),
    { kind: 'heading', text: t('mail.constancia.howToCheck') },
    {
      kind: 'link',
      intro: t('mail.constancia.link', { days: EMAIL_LINK_DAYS }),
      label: t('mail.constancia.linkLabel'),
      url: input.accessUrl,
    },
    {
      kind: 'paragraph',
      text: t(
        input.accessCode
          ? 'mail.constancia.lookupByAccessCode'
          : 'mail.constancia.lookupByDocument',
        { lookupUrl },
      ),
    },
  ];
  const frame = {
    brand: input.brand ?? { name: input.orgName, taxId: null, logoUrl: null },
    radicado: input.radicado,
    // Only the receipt may reach someone who never filed (a mistyped address): say so here alone.
    footer: [
      t('mail.layout.footer', { orgName: input.orgName, radicado: input.radicado }),
      t('mail.constancia.notYou'),
    ],
  };
  return {
    subject: t('mail.constancia.subject', { radicado: input.radicado }),
    ...renderMail(input.locale, blocks, frame),
  };
}

/**
 * What a queued constancia keeps (outbox.params) to be composed when it is sent: the facts of the
 * filing as they were, the letterhead of that moment, and when its case link was issued (the link
 * is signed at composition with that instant, so it expires as if it had been signed at filing).
 */
const QueuedConstancia = z.object({
  caseId: z.number().int().positive(),
  locale: z.enum(LOCALES),
  orgName: z.string(),
  brand: z.object({
    name: z.string(),
    taxId: z.string().nullable(),
    logoUrl: z.string().nullable(),
  }),
  radicado: z.string(),
  typeCode: z.enum(CASE_TYPES),
  channel: z.enum(CHANNELS),
  receivedAt: z.iso.datetime(),
  timeZone: z.string(),
  dueDate: z.string().nullable(),
  linkIssuedAt: z.iso.datetime(),
  accessCode: z.string().nullable().optional(),
  verbal: z
    .object({
      petitioner: z
        .object({
          name: z.string(),
          documentType: z.string().nullable(),
          documentNumber: z.string().nullable(),
        })
        .nullable(),
      subject: z.string(),
      description: z.string(),
      documents: z.array(z.string()),
      receivedBy: z.string().nullable(),
    })
    .nullable()
    .optional(),
});

/** The queued constancia's subject and body, composed from its parameters (sender.ts). */
export function composeQueuedConstancia(params: unknown) {
  const p = QueuedConstancia.parse(params);
  return composeConstancia({
    ...p,
    receivedAt: new Date(p.receivedAt),
    accessUrl: caseLinkUrl(p.caseId, p.radicado, new Date(p.linkIssuedAt)),
  });
}

/**
 * Queues the constancia in the filing's own transaction, once per case: its parameters only, so
 * the filing does not pay for composing it; the sender composes it (issue 15 §5). The subject is
 * stored at once (one message), for the delivery log and the case's story.
 */
export async function enqueueConstancia(
  tx: Conn,
  input: Omit<ConstanciaInput, 'accessUrl'> & {
    caseId: number;
    to: string;
    now: Date;
    /** Default: once per case (the filing's own); a copy asked for later has its own key. */
    dedupeKey?: string;
  },
): Promise<number> {
  const params: z.input<typeof QueuedConstancia> = {
    caseId: input.caseId,
    locale: input.locale,
    orgName: input.orgName,
    brand: input.brand ?? mailBrand(await getOrganization(tx)),
    radicado: input.radicado,
    typeCode: input.typeCode,
    channel: input.channel,
    receivedAt: input.receivedAt.toISOString(),
    timeZone: input.timeZone,
    dueDate: input.dueDate,
    linkIssuedAt: input.now.toISOString(),
    accessCode: input.accessCode ?? null,
    verbal: input.verbal ?? null,
  };
  return await enqueueMail(tx, {
    kind: 'constancia',
    caseId: input.caseId,
    to: input.to,
    subject: serverTranslator(input.locale)('mail.constancia.subject', {
      radicado: input.radicado,
    }),
    text: '',
    html: null,
    params,
    locale: input.locale,
    now: input.now,
    dedupeKey: input.dedupeKey ?? `constancia.${input.caseId}`,
  });
}
