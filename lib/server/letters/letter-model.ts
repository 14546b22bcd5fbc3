import 'server-only';
import { first } from '@/db/rows';
import { eq } from 'drizzle-orm';
import type { Conn } from '@/db/client';
import { customers, staffUsers, teams } from '@/db/tables';
import type { Decision, Locale } from '@/lib/domain/enums';
import type { Actor } from '../core/actor';
import type { Organization } from '../core/organization';
import { formatInstant, serverTranslator } from '../notices/translator';

/** Decisions that refuse all or part of what was asked: the letter tells how to contest them. */
export const ADVERSE_DECISIONS: readonly Decision[] = ['niega', 'concede_parcial'];

export interface LetterLine {
  label: string;
  value: string;
}

/**
 * The answer letter as finished text in the case's language: the PDF and the staff preview are
 * both drawn from this one value, so what the agent confirms is what the petitioner receives.
 */
export interface AnswerLetter {
  locale: Locale;
  fileName: string;
  org: { name: string; lines: string[]; hasLogo: boolean };
  date: string;
  title: string;
  reference: LetterLine[];
  recipient: { heading: string; lines: string[] };
  subject: LetterLine;
  /** The answer's decision; a notice letter (an information request, an extension …) has none. */
  decision: LetterLine | null;
  greeting: string;
  paragraphs: string[];
  closing: string;
  signer: { name: string; role: string };
  recourse: { title: string; text: string } | null;
}

export interface LetterCase {
  radicado: string;
  subject: string;
  locale: Locale;
  receivedAt: Date;
  customerId: number | null;
  isAnonymous: boolean;
  responseMedium: string;
  responseAddress: string | null;
}

export interface LetterInput {
  row: LetterCase;
  decision: Decision;
  body: string;
  signer: Actor;
  org: Pick<Organization, 'name' | 'taxId' | 'logoPath' | 'timeZone'>;
  now: Date;
}

/** Paragraphs are separated by a blank line; a single line break stays inside its paragraph. */
export function paragraphsOf(body: string): string[] {
  return body
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((p) => p.replace(/[ \t]+$/gm, '').trim())
    .filter((p) => p !== '');
}

/** The date a letter carries: the long form of the pages and mails (i18n/formats.ts). */
function longDate(locale: Locale, instant: Date, timeZone: string): string {
  return formatInstant(locale, instant, timeZone).date;
}

async function recipientOf(
  tx: Conn,
  row: LetterCase,
): Promise<{ name: string | null; lines: string[] }> {
  const customer =
    row.customerId === null || row.isAnonymous
      ? undefined
      : await first(tx.select().from(customers).where(eq(customers.id, row.customerId)));
  if (!customer || customer.anonymizedAt) {
    return { name: null, lines: row.responseAddress ? [row.responseAddress] : [] };
  }
  const lines = [`${customer.documentType} ${customer.documentNumber}`];
  const postal = row.responseMedium === 'postal' ? (row.responseAddress ?? customer.address) : null;
  for (const line of [postal ?? customer.address, customer.email]) {
    if (line && !lines.includes(line)) lines.push(line);
  }
  return { name: customer.fullName, lines };
}

async function signerOf(tx: Conn, actor: Actor, t: ReturnType<typeof serverTranslator>) {
  if (actor.role === 'customer' || actor.id === null) {
    return { name: t('letter.systemSigner'), role: '' };
  }
  const staff = await first(
    tx
      .select({ name: staffUsers.name, team: teams.name })
      .from(staffUsers)
      .leftJoin(teams, eq(teams.id, staffUsers.teamId))
      .where(eq(staffUsers.id, actor.id)),
  );
  const role = t(`roles.${actor.role}`);
  return {
    name: staff?.name ?? actor.name ?? t('letter.systemSigner'),
    role: staff?.team ? `${role} · ${staff.team}` : role,
  };
}

/** Everything the letter says, read from the case, its petitioner and the signer. */
export async function buildAnswerLetter(tx: Conn, input: LetterInput): Promise<AnswerLetter> {
  const { row, org, now } = input;
  const t = serverTranslator(row.locale);
  const person = await recipientOf(tx, row);
  const vars = { radicado: row.radicado, orgName: org.name };
  return {
    locale: row.locale,
    fileName: t('letter.fileName', vars),
    org: {
      name: org.name,
      lines: org.taxId ? [t('letter.taxId', { taxId: org.taxId })] : [],
      hasLogo: org.logoPath !== null,
    },
    date: longDate(row.locale, now, org.timeZone),
    title: t('letter.title'),
    reference: [
      { label: t('letter.radicado'), value: row.radicado },
      { label: t('letter.receivedAt'), value: longDate(row.locale, row.receivedAt, org.timeZone) },
    ],
    recipient: {
      heading: t('letter.to'),
      lines: [person.name ?? t('letter.anonymous'), ...person.lines],
    },
    subject: { label: t('letter.subject'), value: row.subject },
    decision: { label: t('letter.decision'), value: t(`mail.notice.decisions.${input.decision}`) },
    greeting: person.name ? t('letter.greeting', { name: person.name }) : t('letter.greetingAnon'),
    paragraphs: paragraphsOf(input.body),
    closing: t('letter.closing'),
    signer: await signerOf(tx, input.signer, t),
    recourse: ADVERSE_DECISIONS.includes(input.decision)
      ? { title: t('letter.recourseTitle'), text: t('letter.recourse', vars) }
      : null,
  };
}

/**
 * A notice owed by post (an information request, an extension, a reply …) as a letter: the same
 * letterhead, reference and recipient as the answer, the notice's subject as title and its text as
 * the body, signed by the service (no decision, no recourse).
 */
export async function buildNoticeLetter(
  tx: Conn,
  input: {
    row: LetterCase;
    outboxId: number;
    title: string;
    text: string;
    org: LetterInput['org'];
    now: Date;
  },
): Promise<AnswerLetter> {
  const { row, org } = input;
  const t = serverTranslator(row.locale);
  const person = await recipientOf(tx, row);
  return {
    locale: row.locale,
    fileName: t('letter.noticeFileName', { radicado: row.radicado, id: input.outboxId }),
    org: {
      name: org.name,
      lines: org.taxId ? [t('letter.taxId', { taxId: org.taxId })] : [],
      hasLogo: org.logoPath !== null,
    },
    date: longDate(row.locale, input.now, org.timeZone),
    title: input.title,
    reference: [
      { label: t('letter.radicado'), value: row.radicado },
      { label: t('letter.receivedAt'), value: longDate(row.locale, row.receivedAt, org.timeZone) },
    ],
    recipient: {
      heading: t('letter.to'),
      lines: [person.name ?? t('letter.anonymous'), ...person.lines],
    },
    subject: { label: t('letter.subject'), value: row.subject },
    decision: null,
    greeting: person.name ? t('letter.greeting', { name: person.name }) : t('letter.greetingAnon'),
    paragraphs: paragraphsOf(input.text),
    closing: t('letter.closing'),
    signer: { name: t('letter.systemSigner'), role: '' },
    recourse: null,
  };
}
