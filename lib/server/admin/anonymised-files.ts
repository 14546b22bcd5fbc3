import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import type { Conn } from '@/db/client';
import * as pgData from '@/db/pg/personal-data';
import { isPg, pgQueryable } from '@/db/pg/transactions';
import * as liteData from '@/db/sql/personal-data';
import {
  checkUploads,
  isStoredName,
  REMOVED_PREFIX,
  storeUploads,
  uploadDir,
  type StoredUpload,
} from '../cases/uploads';
import type { Ctx } from '../core/context';
import { AppError } from '../core/errors';
import { redactedAnswerLetterPdf } from '../letters/redacted-letter';
import { emlFileName, mailDir } from '../notices/transport';
import { redactText } from './redaction';

/**
 * The files an anonymisation changes on disk (Ley 1581; issue 13 §8). A customer's personal data
 * reaches three kinds of file:
 * - the answer letters (PDF, in the upload folder): redrawn without the recipient and with every
 *   personal value redacted, so the record of what was answered stays readable;
 * - every other file of their cases, theirs or staff's, public or internal: the bytes go, the row
 *   stays marked removed (its stored name gets REMOVED_PREFIX). Nobody can tell by reading whether a
 *   scan or a photo carries the person, and one kept would identify the anonymised case again;
 * - the .eml copies of the mail of their cases in the mail folder (written when SMTP_URL is unset):
 *   deleted. They are copies: the outbox row stays, with its text scrubbed, and the app builds the
 *   .eml it shows from that row; a kept copy would also carry, base64-encoded, the files above.
 * Inbound mail is not archived on disk (intake/mail-inbound.ts keeps only what it files).
 *
 * Order: the letters are drawn and written first (rendering is async, the transaction is not), the
 * transaction points the rows at them and marks the rest removed, and only after it commits are the
 * old bytes deleted. A process that dies in between leaves files no row names as is (the old
 * letters: the orphan sweep, jobs/orphan-files.ts, takes them) or rows marked removed whose bytes
 * or .eml are still there: `sweepAnonymisedFiles`, a scheduled job, finishes those, idempotently.
 */

// Each engine's statements (db/sql/personal-data.ts, db/pg/personal-data.ts), on `db`.
const customerFiles = (db: Conn, customerId: number) =>
  isPg(db)
    ? pgData.customerFiles(pgQueryable(db), customerId)
    : liteData.customerFiles(db, customerId);
const replaceLetterFile = (
  db: Conn,
  id: number,
  from: string,
  to: Parameters<typeof liteData.replaceLetterFile>[3],
) =>
  isPg(db)
    ? pgData.replaceLetterFile(pgQueryable(db), id, from, to)
    : liteData.replaceLetterFile(db, id, from, to);
const anonymisedLeftovers = (db: Conn, removedPrefix: string, customerId: number | null) =>
  isPg(db)
    ? pgData.anonymisedLeftovers(pgQueryable(db), removedPrefix, customerId)
    : liteData.anonymisedLeftovers(db, removedPrefix, customerId);

export interface RedrawnLetter {
  id: number;
  /** The stored name of the letter as it was, deleted once the transaction commits. */
  from: string;
  stored: StoredUpload;
}

/**
 * Before the transaction: every answer letter of the customer's cases drawn again, redacted, and
 * written under a fresh name. `discard()` removes what was written (the transaction failed, or the
 * customer was anonymised meanwhile).
 */
export async function redrawLetters(
  ctx: Ctx,
  customerId: number,
  personal: readonly string[],
): Promise<{ letters: RedrawnLetter[]; discard: () => void }> {
  const letters: RedrawnLetter[] = [];
  const discards: (() => void)[] = [];
  const discard = () => discards.forEach((d) => d());
  try {
    for (const file of await customerFiles(ctx.db, customerId)) {
      if (file.kind !== 'answer_letter' || !isStoredName(file.storedName)) continue;
      const pdf = await redactedAnswerLetterPdf(ctx, file.id, (s) => redactText(s, personal));
      if (!pdf) continue;
      const written = storeUploads(await checkUploads([{ name: pdf.name, bytes: pdf.bytes }]));
      discards.push(written.discard);
      letters.push({ id: file.id, from: file.storedName, stored: written.stored[0]! });
    }
  } catch (error) {
    discard();
    throw error;
  }
  return { letters, discard };
}

/**
 * Inside the transaction: each letter row now names its redrawn file. A letter that was not
 * redrawn (an answer written meanwhile) is a CONFLICT: the whole anonymisation rolls back.
 */
export async function swapLetters(tx: Conn, customerId: number, letters: readonly RedrawnLetter[]) {
  for (const letter of letters) {
    if ((await replaceLetterFile(tx, letter.id, letter.from, letter.stored)) !== 1) {
      throw new AppError('CONFLICT', 'an answer letter changed meanwhile');
    }
  }
  const redrawn = new Set(letters.map((l) => l.stored.storedName));
  const stale = (await customerFiles(tx, customerId)).some(
    (f) => f.kind === 'answer_letter' && !redrawn.has(f.storedName),
  );
  if (stale) throw new AppError('CONFLICT', 'a case was answered meanwhile');
}

export interface RemovedFiles {
  uploads: number;
  mails: number;
}

const removeIn = (dir: string, names: readonly string[]): number => {
  let removed = 0;
  for (const name of names) {
    const file = path.join(dir, name);
    if (!fs.existsSync(file)) continue;
    fs.rmSync(file, { force: true });
    removed += 1;
  }
  return removed;
};

/**
 * After the commit: deletes what one anonymised customer (or, with null, every one) still has on
 * disk: the bytes of their removed files, the letters' old files given, and their .eml copies.
 * Safe to run again: what is gone is skipped. Returns how many files went.
 */
export async function removeAnonymisedFiles(
  ctx: Ctx,
  customerId: number | null,
  oldLetters: readonly string[] = [],
): Promise<RemovedFiles> {
  const left = await anonymisedLeftovers(ctx.db, REMOVED_PREFIX, customerId);
  const uploads = [...left.removedFiles, ...oldLetters].filter(isStoredName);
  return {
    uploads: uploads.length > 0 ? removeIn(uploadDir(), uploads) : 0,
    mails: left.messageIds.length > 0 ? removeIn(mailDir(), left.messageIds.map(emlFileName)) : 0,
  };
}

/**
 * The scheduled finish (jobs/index.ts): what an anonymisation interrupted after its commit left on
 * disk, and the .eml of a mail that was on its way while the customer was anonymised.
 */
export async function sweepAnonymisedFiles(ctx: Ctx): Promise<RemovedFiles> {
  return await removeAnonymisedFiles(ctx, null);
}
