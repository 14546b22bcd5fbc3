import 'server-only';
import type { outbox } from '@/db/tables';
import { composeQueuedConstancia } from './constancia';
import { PermanentMailError } from './transport';

type Stored = Pick<typeof outbox.$inferSelect, 'kind' | 'params' | 'bodyText' | 'bodyHtml'>;

/**
 * The kinds queued with their parameters instead of their text (issue 15 §5: a filing does not
 * pay for composing its receipt), each with the composer that turns the parameters into the mail.
 */
const COMPOSERS: Readonly<Record<string, (params: unknown) => { text: string; html: string }>> = {
  constancia: composeQueuedConstancia,
};

/**
 * The body of an outgoing message as it is sent: stored as queued, or composed now from its
 * parameters. What sends or shows a message's body reads it here, never `bodyText` directly.
 */
export function mailBody(row: Stored): { text: string; html: string | null } {
  if (row.params === null) return { text: row.bodyText, html: row.bodyHtml };
  const compose = COMPOSERS[row.kind];
  // No retry can help a message nobody knows how to write: it fails for staff to see.
  if (!compose) throw new PermanentMailError(`outbox: no composer for kind ${row.kind}`);
  try {
    const { text, html } = compose(row.params);
    return { text, html };
  } catch (error) {
    throw new PermanentMailError(`outbox: cannot compose ${row.kind}: ${(error as Error).message}`);
  }
}

/** The row with its body filled in (the delivery log's message view, tests). */
export function withMailBody<R extends Stored>(row: R): R {
  const { text, html } = mailBody(row);
  return { ...row, bodyText: text, bodyHtml: html };
}
