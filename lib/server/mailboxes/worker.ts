import 'server-only';
import { first } from '@/db/rows';
import { eq } from 'drizzle-orm';
import type { ImapFlow } from 'imapflow';
import type { Conn } from '@/db/client';
import { mailboxes } from '@/db/tables';
import { SYSTEM_ACTOR } from '../core/actor';
import { requestCtx, type Ctx } from '../core/context';
import { endSession, imapClient, loginOf, type MailboxRow } from './connect';
import { holdLease, INSTANCE_ID, releaseLease } from '../jobs/lease';
import { REFRESH_MARGIN_MS } from './oauth';
import { pullOnce, type PassResult } from './pull';
import { recordFailure, recordPass } from './status';

export interface MailboxWorkerOptions {
  /** The context each message is taken in (tests: their database); default the app's. */
  ctx?: () => Ctx;
  /** A pass runs at least this often even when the server announces nothing (polling). */
  pollMs?: number;
  /** After a failure, the next attempt waits this long. */
  retryMs?: number;
  /** How often the list of mailboxes is read again (one added, changed or switched off). */
  reloadMs?: number;
  /**
   * One instance reads a mailbox at a time: it holds the mailbox's lease, renewed a third of
   * this often; another instance takes over once it lapses (the holder died) or is given back.
   */
  leaseMs?: number;
  /** This instance's name in the lease table (tests run several in one process). */
  holder?: string;
  onPass?: (mailboxId: number, result: PassResult) => void;
  onTaken?: (mailboxId: number, outcome: string) => void;
}

export interface MailboxWorker {
  stop: () => Promise<void>;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

/** Resolves when the server announces new mail (IDLE, or the polling imapflow does without it). */
function nextMail(client: ImapFlow, ms: number, signal: AbortSignal, left: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      client.off('exists', done);
      client.off('close', done);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    client.on('exists', done);
    client.on('close', done);
    signal.addEventListener('abort', done, { once: true });
    // Mail announced while the pass ran (before this listened) is not announced again.
    if (signal.aborted || (client.mailbox && client.mailbox.exists > left)) done();
  });
}

/** A mailbox's settings as a loop read them: a change (updatedAt) makes a new loop. */
const versionOf = (row: MailboxRow) => row.updatedAt?.getTime() ?? row.createdAt.getTime();

const load = async (db: Conn, id: number): Promise<MailboxRow | undefined> =>
  await first(db.select().from(mailboxes).where(eq(mailboxes.id, id)));

/**
 * One mailbox's loop: connect, pass over the folder, wait for new mail (IDLE where offered, else
 * polling), pass again; on any failure record it (the alert comes from there), wait, reconnect.
 * It ends when the mailbox is switched off, removed or changed (the worker starts it afresh).
 */
async function runMailbox(
  id: number,
  version: number,
  options: Required<Pick<MailboxWorkerOptions, 'pollMs' | 'retryMs' | 'leaseMs' | 'holder'>> &
    MailboxWorkerOptions,
  ctxOf: () => Ctx,
  signal: AbortSignal,
): Promise<void> {
  const lease = { name: `mailbox:${id}`, holder: options.holder, leaseMs: options.leaseMs };
  const hold = async () => await holdLease(ctxOf().db, { ...lease, now: new Date() });
  let renewing: Promise<unknown> = Promise.resolve();
  try {
    while (!signal.aborted) {
      const { db } = ctxOf();
      const row = await load(db, id);
      if (!row || !row.isActive || versionOf(row) !== version) return;
      // Another instance reads it: wait for its lease to lapse or be given back.
      if (!(await hold())) {
        await sleep(options.leaseMs / 3, signal);
        continue;
      }
      let client: ImapFlow | null = null;
      // Ends this connection: the worker stops, or the lease was lost. (Not AbortSignal.any: on
      // Node 20 its signal is held weakly by its sources and can be collected while awaited.)
      const ending = new AbortController();
      const end = () => ending.abort();
      signal.addEventListener('abort', end, { once: true });
      const renew = setInterval(() => {
        renewing = hold().then(
          (held) => held || end(),
          () => end(),
        );
      }, options.leaseMs / 3);
      const stop = ending.signal;
      try {
        client = imapClient(await loginOf(db, row, new Date()));
        client.on('error', (error: unknown) => console.error(`mailbox ${row.name}:`, error));
        await client.connect();
        while (!stop.aborted && client.usable) {
          const result = await pullOnce(ctxOf, client, row, (o) => options.onTaken?.(id, o));
          if (result.failed > 0) await recordFailure(db, id, result.lastFailure, new Date());
          else await recordPass(db, id, new Date(), result.backlog);
          options.onPass?.(id, result);
          const current = await load(db, id);
          if (!current || !current.isActive || versionOf(current) !== version) return;
          // An OAuth2 session is renewed by reconnecting (a fresh token) before its token lapses.
          const renewAt = current.accessTokenExpiresAt
            ? current.accessTokenExpiresAt.getTime() - REFRESH_MARGIN_MS
            : Infinity;
          await nextMail(
            client,
            Math.max(0, Math.min(options.pollMs, renewAt - Date.now())),
            stop,
            result.failed,
          );
          if (Date.now() >= renewAt) break;
        }
      } catch (error) {
        console.error(`mailbox ${row.name}: pass failed:`, error);
        await recordFailure(db, id, error, new Date());
        await sleep(options.retryMs, signal);
      } finally {
        clearInterval(renew);
        signal.removeEventListener('abort', end);
        if (client) await endSession(client);
      }
    }
  } finally {
    // A renewal still waiting for its turn would take the lease back after it was given back.
    await renewing;
    await releaseLease(ctxOf().db, lease.name, lease.holder);
  }
}

/**
 * Pulls every active mailbox in the background (issue 19 §2), one loop each. With several app
 * instances, one reads a given mailbox at a time (its lease): two sessions moving the same message
 * would each copy it to the processed folder. Were two to overlap anyway (a lease lapsed during a
 * stall), each message's record commits with its case, so none is radicated twice.
 */
export async function startMailboxWorker(
  options: MailboxWorkerOptions = {},
): Promise<MailboxWorker> {
  const ctxOf = options.ctx ?? (() => requestCtx(SYSTEM_ACTOR));
  const settings = {
    pollMs: 60_000,
    retryMs: 30_000,
    leaseMs: 90_000,
    holder: INSTANCE_ID,
    ...options,
  };
  const abort = new AbortController();
  const running = new Map<string, Promise<void>>();
  const reload = async () => {
    if (abort.signal.aborted) return;
    let rows: MailboxRow[];
    try {
      rows = await ctxOf().db.select().from(mailboxes).where(eq(mailboxes.isActive, true));
    } catch (error) {
      console.error('mailboxes: cannot list them:', error);
      return;
    }
    for (const row of rows) {
      const version = versionOf(row);
      const key = `${row.id}:${version}`;
      if (running.has(key)) continue;
      const loop = runMailbox(row.id, version, settings, ctxOf, abort.signal)
        .catch((error: unknown) => console.error(`mailbox ${row.name}: stopped:`, error))
        .finally(() => running.delete(key));
      running.set(key, loop);
    }
  };
  await reload();
  const timer = setInterval(() => void reload(), options.reloadMs ?? 30_000);
  timer.unref();
  return {
    /** Stops every loop; one still inside a pass gets a few seconds to finish it. */
    stop: async () => {
      clearInterval(timer);
      abort.abort();
      let late: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.all(running.values()),
        new Promise((resolve) => (late = setTimeout(resolve, 5000))),
      ]);
      clearTimeout(late);
    },
  };
}

/**
 * One pass over one mailbox on a connection of its own, recorded like the worker's, for tests,
 * the benchmark and the e2e verb, where no worker runs (it takes no lease).
 */
export async function passMailbox(ctxOf: () => Ctx, id: number): Promise<PassResult | null> {
  const { db } = ctxOf();
  const row = await load(db, id);
  if (!row) return null;
  let client: ImapFlow | null = null;
  try {
    client = imapClient(await loginOf(db, row, ctxOf().now));
    client.on('error', () => {});
    await client.connect();
    const result = await pullOnce(ctxOf, client, row);
    if (result.failed > 0) await recordFailure(db, id, result.lastFailure, ctxOf().now);
    else await recordPass(db, id, ctxOf().now, result.backlog);
    return result;
  } catch (error) {
    await recordFailure(db, id, error, ctxOf().now);
    return null;
  } finally {
    if (client) await endSession(client);
  }
}
