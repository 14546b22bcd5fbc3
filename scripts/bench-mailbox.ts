/**
 * Pulling a mailbox (issue 19): 1,000 petitions wait in a real Dovecot mailbox; the app's
 * production server (scripts/serve.mjs on a `next build`, its mailbox worker on, as deployed)
 * radicates them. Prints messages per second and the server's resident memory (idle, peak, after),
 * beside the ceiling of the same run: the same 1,000 messages through the intake in process, with
 * no IMAP at all. Needs Debian's dovecot-imapd and a build:
 *   npm run build && npm run bench:mailbox [-- --messages 1000]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { closeDatabase, openDb } from '@/db/client';
import { mailboxes } from '@/db/schema';
import { SYSTEM_ACTOR } from '@/lib/server/core/actor';
import { makeCtx } from '@/lib/server/core/context';
import { sealSecret } from '@/lib/server/intake/keys';
import { receiveInboundMail } from '@/lib/server/intake/mail-inbound';
import { seedFixture } from '@/lib/server/testing/fixtures';
import { imapSession, plainMessage } from '@/lib/server/testing/imap-client';
import { freePort, startImapServer } from '@/lib/server/testing/imap-server';
import { sleep, startAppServer } from './bench-support/app-server';

const { values: args } = parseArgs({ options: { messages: { type: 'string', default: '1000' } } });
const total = Number(args.messages);
const secret = 'bench-mailbox-secret-0123456789abcdef';
process.env.NEXTAUTH_SECRET = secret;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ventanilla-bench-mailbox-'));
process.env.UPLOAD_DIR = path.join(dir, 'uploads-ceiling');

const raw = (i: number) =>
  plainMessage({
    from: `Persona ${i} <persona${i}@example.co>`,
    subject: `Petición ${i}: revisión del cobro de la factura de noviembre`,
    text: `Solicito revisar el cobro de mi factura ${i}; el consumo facturado duplica el de octubre.`,
    messageId: `<bench${i}.${Date.now()}@example.co>`,
  });

/** The ceiling: the same messages through the intake, in process, one after another. */
async function intakeCeiling(): Promise<number> {
  const db = openDb(path.join(dir, 'ceiling.db'));
  await seedFixture(db);
  const started = performance.now();
  for (let i = 0; i < total; i += 1) {
    await receiveInboundMail(makeCtx(db, SYSTEM_ACTOR), Buffer.from(raw(i)), { source: 'imap' });
  }
  const seconds = (performance.now() - started) / 1000;
  closeDatabase(db);
  return total / seconds;
}

async function main() {
  const ceiling = await intakeCeiling();
  const imap = await startImapServer({ users: [{ name: 'pqrs', password: 'clave' }] });
  const file = path.join(dir, 'app.db');
  try {
    const client = await imapSession(imap, 'pqrs', 'clave');
    for (let i = 0; i < total; i += 1) await client.append('INBOX', raw(i));
    await client.logout();

    const db = openDb(file);
    await seedFixture(db);
    db.insert(mailboxes)
      .values({
        name: 'Bench',
        host: 'localhost',
        port: imap.port,
        username: 'pqrs',
        secretSealed: sealSecret('clave'),
        caPem: imap.certPem,
      })
      .run();
    const count = () =>
      (db.$client.prepare('select count(*) n from inbound_mail').get() as { n: number }).n;

    delete process.env.UPLOAD_DIR;
    const started = performance.now();
    const server = await startAppServer({
      port: await freePort(),
      databasePath: file,
      secret,
      readyPath: '/api/salud',
    });
    const idle = server.rssMb();
    let peak = idle;
    let firstAt = 0;
    while (count() < total) {
      if (!firstAt && count() > 0) firstAt = performance.now();
      peak = Math.max(peak, server.rssMb());
      if (performance.now() - started > 600_000) throw new Error(`only ${count()} after 10 min`);
      await sleep(100);
    }
    const ended = performance.now();
    peak = Math.max(peak, server.rssMb());
    await sleep(1000);
    const after = server.rssMb();
    await server.stop();
    const cases = (
      db.$client.prepare("select count(*) n from cases where channel = 'email'").get() as {
        n: number;
      }
    ).n;
    closeDatabase(db);

    const pullSeconds = (ended - (firstAt || started)) / 1000;
    const rate = total / pullSeconds;
    const lines = [
      `messages: ${total} (cases made: ${cases})`,
      `pulled and radicated by the server: ${rate.toFixed(1)} msg/s (${pullSeconds.toFixed(1)} s from the first to the last)`,
      `ceiling, the intake in process without IMAP: ${ceiling.toFixed(1)} msg/s (ratio ${(rate / ceiling).toFixed(2)})`,
      `server RSS: ${idle.toFixed(0)} MB idle at start, ${peak.toFixed(0)} MB peak, ${after.toFixed(0)} MB after`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await imap.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
