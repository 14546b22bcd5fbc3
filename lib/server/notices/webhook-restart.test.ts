/** Webhook delivery across a sender that dies mid-POST (issue 12): at least once, de-duplicable. */
import { fork } from 'node:child_process';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conn } from '@/db/client';
import { one } from '@/db/rows';
import { outbox } from '@/db/tables';
import { makeCtx } from '../core/context';
import { mapInOrder } from '../core/in-order';
import { applyCaseAction } from '../cases/apply-case-action';
import { fileThroughApi, noMailTransport, openApiChannel } from '../testing/api-channel';
import { seedFixture, type Fixture } from '../testing/fixtures';
import { databaseTarget, openTestDb } from '../testing/test-db';
import { startWebhookReceiver, type TestWebhookReceiver } from '../testing/webhook-receiver';
import { deliverDueMail, SEND_LEASE_MS } from './sender';

const MINUTE = 60_000;

let db: Conn;
let cleanup: () => Promise<void>;
let fx: Fixture;
let receiver: TestWebhookReceiver;
let secret: string;

beforeEach(async () => {
  ({ db, cleanup } = await openTestDb());
  fx = await seedFixture(db);
  receiver = await startWebhookReceiver(() => secret);
});
afterEach(async () => {
  await receiver.close();
  await cleanup();
});

const rowOf = async (id: number) => await one(db.select().from(outbox).where(eq(outbox.id, id)));
const rowsNow = async (rows: { id: number }[]) => await mapInOrder(rows, (r) => rowOf(r.id));
const deliver = (now: Date) => deliverDueMail({ db, transport: noMailTransport, now });

describe('a sender killed mid-delivery', () => {
  it('delivers every message at least once and the receiver keeps each id once', async () => {
    // Real clock: the forked sender reads it, so everything was queued two minutes ago.
    const past = new Date(Date.now() - 2 * MINUTE);
    const channel = await openApiChannel(db, fx.admin, receiver.url, past);
    secret = channel.secret;
    const id = await fileThroughApi(db, channel.apiKey, past);
    const agent = makeCtx(db, fx.agent, past);
    await applyCaseAction(agent, { caseId: id, action: 'take' });
    for (const body of ['Primer mensaje.', 'Segundo mensaje.', 'Tercer mensaje.']) {
      await applyCaseAction(agent, { caseId: id, action: 'reply', body });
    }
    const rows = await db
      .select()
      .from(outbox)
      .where(and(eq(outbox.caseId, id), eq(outbox.medium, 'webhook')))
      .orderBy(outbox.id);
    expect(rows).toHaveLength(3);

    // The first POST reaches the receiver, which keeps it, but no answer gets back: the sender
    // is killed while it waits, before it can record anything.
    receiver.replyNext('hang');
    const child = fork(
      path.join(import.meta.dirname, '../testing/webhook-sender-worker.ts'),
      [databaseTarget(db)],
      {
        execArgv: ['--conditions=react-server', '--import', 'tsx'],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      },
    );
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await receiver.waitFor(1);
    child.kill('SIGKILL');
    await exited;
    expect((await rowsNow(rows)).map((r) => r.status)).toEqual(['sending', 'sending', 'sending']);
    // Its lease holds: a new sender takes nothing before it runs out.
    expect((await deliver(new Date(Date.now() + MINUTE))).sent).toBe(0);

    const afterLease = new Date(Date.now() + SEND_LEASE_MS + 1000);
    expect(await deliver(afterLease)).toEqual({ sent: 3, retried: 0, failed: 0 });
    expect(await deliver(new Date(afterLease.getTime() + 60 * MINUTE))).toEqual({
      sent: 0,
      retried: 0,
      failed: 0,
    });
    expect(await rowsNow(rows)).toEqual(
      rows.map(() => expect.objectContaining({ status: 'sent', attempts: 2 })),
    );
    const ids = rows.map((r) => r.messageId.replace(/^<|>$/g, ''));
    expect([...receiver.accepted.keys()].sort()).toEqual([...ids].sort());
    // At least once: the interrupted message arrived twice, the others once.
    const times = ids.map((e) => receiver.received.filter((h) => h.eventId === e).length);
    expect(times).toEqual([2, 1, 1]);
    expect(receiver.received.every((h) => h.signatureValid)).toBe(true);
  }, 30_000);
});
