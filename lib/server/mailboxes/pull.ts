import 'server-only';
import type { FetchMessageObject, ImapFlow } from 'imapflow';
import type { Ctx } from '../core/context';
import { alreadyReceived, receiveInboundMail, type MailArrival } from '../intake/mail-inbound';
import { keepOriginalStream } from '../intake/mail-original';
import type { MailboxRow } from './connect';

/** What one pass over a mailbox's folder did. */
export interface PassResult {
  created: number;
  threaded: number;
  quarantined: number;
  duplicate: number;
  /** Messages that could not be taken this pass: they stay in the folder and are tried again. */
  failed: number;
  /** Messages still in the folder after the pass. */
  backlog: number;
  lastFailure: unknown;
}

/** Of a message over the mailbox's limit, this much is read to radicate it. */
export const HEAD_BYTES = 256 * 1024;
/** Messages looked up per FETCH of their metadata, and moved per MOVE. */
const CHUNK = 50;
/** Sources fetched together add up to at most this much. */
const BATCH_BYTES = 8 * 1024 * 1024;

type Meta = Pick<FetchMessageObject, 'uid' | 'internalDate' | 'size' | 'flags' | 'envelope'>;

/**
 * Takes one message: radicated (or threaded, or quarantined) by the shared intake, whose record
 * commits with the case. One already recorded (a restart after the commit, before the move; a
 * second instance; a copy) is only moved. The legal term counts from the server's arrival time.
 */
async function takeOne(
  ctx: Ctx,
  client: ImapFlow,
  row: MailboxRow,
  uidValidity: number,
  meta: Meta,
  source: Buffer | undefined,
): Promise<'created' | 'threaded' | 'quarantined' | 'duplicate'> {
  const uid = String(meta.uid);
  const messageId = meta.envelope?.messageId?.trim();
  if (messageId && (await alreadyReceived(ctx.db, `mid:${messageId.toLowerCase()}`)))
    return 'duplicate';
  const internal = meta.internalDate;
  const arrival: MailArrival = {
    source: 'imap',
    receivedAt: internal ? new Date(internal) : ctx.now,
    mailbox: { id: row.id, uidValidity, uid: meta.uid, teamId: row.teamId },
    flags: [...(meta.flags ?? [])],
    sizeBytes: meta.size,
  };
  if ((meta.size ?? 0) > row.maxBytes) {
    // Its first part is read for the case; the whole of it goes from the socket to disk.
    const head = await client.fetchOne(uid, { source: { maxLength: HEAD_BYTES } }, { uid: true });
    if (!head || !head.source) throw new Error(`message ${uid} vanished`);
    const { content } = await client.download(uid, undefined, { uid: true });
    if (!content) throw new Error(`message ${uid} vanished`);
    const original = await keepOriginalStream(content);
    const taken = await receiveInboundMail(ctx, head.source, {
      ...arrival,
      truncated: true,
      original,
    });
    return taken.outcome;
  }
  const fetched = source ? null : await client.fetchOne(uid, { source: true }, { uid: true });
  const whole = source ?? (fetched ? fetched.source : undefined);
  if (!whole) throw new Error(`message ${uid} vanished`);
  return (await receiveInboundMail(ctx, whole, arrival)).outcome;
}

/**
 * The messages of a chunk in groups whose sources are fetched together (one FETCH, not one per
 * message) while their sizes add up to at most BATCH_BYTES; a message over the mailbox's limit
 * makes a group of its own and is read in part (takeOne).
 */
function groupsOf(metas: Meta[], maxBytes: number): Meta[][] {
  const groups: Meta[][] = [];
  let current: Meta[] = [];
  let bytes = 0;
  for (const meta of metas) {
    const size = meta.size ?? 0;
    if (size > maxBytes || (current.length > 0 && bytes + size > BATCH_BYTES)) {
      if (current.length > 0) groups.push(current);
      current = [];
      bytes = 0;
    }
    if (size > maxBytes) {
      groups.push([meta]);
      continue;
    }
    current.push(meta);
    bytes += size;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

async function sourcesOf(client: ImapFlow, group: Meta[], maxBytes: number) {
  const sources = new Map<number, Buffer>();
  const small = group.filter((m) => (m.size ?? 0) <= maxBytes);
  if (small.length === 0) return sources;
  const range = small.map((m) => m.uid).join(',');
  for await (const m of client.fetch(range, { uid: true, source: true }, { uid: true })) {
    if (m.source) sources.set(m.uid, m.source);
  }
  return sources;
}

/**
 * One pass over the folder, oldest first. A message is moved to the processed folder only after
 * its case, reply or quarantine entry committed; one that fails stays where it is and never holds
 * up the ones after it.
 */
export async function pullOnce(
  ctxOf: () => Ctx,
  client: ImapFlow,
  row: MailboxRow,
  onTaken?: (outcome: string) => void,
): Promise<PassResult> {
  const result: PassResult = {
    created: 0,
    threaded: 0,
    quarantined: 0,
    duplicate: 0,
    failed: 0,
    backlog: 0,
    lastFailure: null,
  };
  const lock = await client.getMailboxLock(row.folder);
  try {
    const mailbox = client.mailbox;
    const uidValidity = mailbox ? Number(mailbox.uidValidity) : 0;
    const uids = ((await client.search({ all: true }, { uid: true })) || []).sort((a, b) => a - b);
    for (let i = 0; i < uids.length; i += CHUNK) {
      const metas: Meta[] = [];
      const range = uids.slice(i, i + CHUNK).join(',');
      const query = { uid: true, internalDate: true, size: true, flags: true, envelope: true };
      for await (const meta of client.fetch(range, query, { uid: true })) metas.push(meta);
      // Moved together once the chunk's messages are recorded: a crash before the move leaves
      // them in the folder, and the next pass finds them recorded and only moves them.
      const taken: number[] = [];
      for (const group of groupsOf(metas, row.maxBytes)) {
        const sources = await sourcesOf(client, group, row.maxBytes);
        for (const meta of group) {
          try {
            const source = sources.get(meta.uid);
            const outcome = await takeOne(ctxOf(), client, row, uidValidity, meta, source);
            taken.push(meta.uid);
            result[outcome] += 1;
            onTaken?.(outcome);
          } catch (error) {
            result.failed += 1;
            result.lastFailure = error;
            console.error(`mailbox ${row.name}: message ${meta.uid} not taken:`, error);
            if (!client.usable) throw error;
          }
        }
      }
      if (taken.length > 0) {
        await client.messageMove(taken.join(','), row.processedFolder, { uid: true });
      }
    }
    // What the server says the folder holds now (its EXPUNGE and EXISTS replies keep this count).
    result.backlog = client.mailbox ? client.mailbox.exists : result.failed;
  } finally {
    lock.release();
  }
  return result;
}
