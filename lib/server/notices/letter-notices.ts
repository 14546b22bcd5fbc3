import 'server-only';
import { first } from '@/db/rows';
import { eq } from 'drizzle-orm';
import type { Conn } from '@/db/client';
import { customers } from '@/db/tables';
import type { Locale } from '@/lib/domain/enums';
import { plainTextOf, type MailBlock } from './layout';
import { enqueueMail } from './outbox';

/** The postal address of a case answered by post: the one given for the answer, else the petitioner's. */
export async function postalAddress(
  tx: Conn,
  row: { customerId: number | null; isAnonymous: boolean; responseAddress: string | null },
): Promise<string | null> {
  if (row.responseAddress) return row.responseAddress;
  if (row.isAnonymous || row.customerId === null) return null;
  return (
    (
      await first(
        tx
          .select({ address: customers.address })
          .from(customers)
          .where(eq(customers.id, row.customerId)),
      )
    )?.address ?? null
  );
}

/**
 * Queues a notice owed by post (medio de respuesta: correo postal) as a letter to print: the outbox
 * row holds its subject and plain text, its address and its files; the worker never sends it, staff
 * print it from the case page (letters/notice-letter.ts) and record the day it was posted, which
 * marks it sent. Null when the case has no postal address: the caller falls back to e-mail.
 */
export async function enqueueLetterNotice(
  tx: Conn,
  target: {
    caseId: number;
    kind: string;
    locale: Locale;
    customerId: number | null;
    isAnonymous: boolean;
    responseAddress: string | null;
  },
  message: { subject: string; blocks: readonly MailBlock[] },
  options: { now: Date; dedupeKey: string; attachmentIds?: readonly number[] },
): Promise<number | null> {
  const to = await postalAddress(tx, target);
  if (!to) return null;
  return await enqueueMail(tx, {
    kind: target.kind,
    caseId: target.caseId,
    medium: 'letter',
    to,
    subject: message.subject,
    text: plainTextOf(message.blocks),
    html: null,
    locale: target.locale,
    now: options.now,
    dedupeKey: options.dedupeKey,
    attachmentIds: options.attachmentIds,
  });
}
