/**
 * Runs server verbs for Playwright fixtures, in a separate Node process (server modules need the
 * `react-server` condition): `tsx --conditions=react-server e2e/support/verbs.ts <verb> '<json>'`.
 * Prints the verb's result as JSON. The database is the one the e2e server uses (DATABASE_PATH).
 */
import fs from 'node:fs';
import path from 'node:path';
import { databasePath, openDb } from '@/db/client';
import { SYSTEM_ACTOR, type Actor } from '@/lib/server/core/actor';
import { applyCaseAction } from '@/lib/server/cases/apply-case-action';
import { checkUploads, recordAttachments, storeUploads } from '@/lib/server/cases/uploads';
import { PDF } from './files';
import { createCase } from '@/lib/server/cases/create-case';
import { verbs as adminVerbs } from './verbs/admin';
import { verbs as boardVerbs } from './verbs/board';
import { verbs as causesVerbs } from './verbs/causes';
import { verbs as channelsVerbs } from './verbs/channels';
import { verbs as qualityVerbs } from './verbs/quality';
import { verbs as reportsVerbs } from './verbs/reports';
import { verbs as tourVerbs } from './verbs/tour';
import { makeCtx } from '@/lib/server/core/context';
import { mailBody } from '@/lib/server/notices/deferred-mail';
import { outbox } from '@/db/schema';
import { and, eq } from 'drizzle-orm';

const [verb, raw] = process.argv.slice(2);
const args = raw ? JSON.parse(raw) : {};
const file = databasePath();

if (verb === 'reset-db') {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
  // Mail and files of an earlier run would be mistaken for this one's (ids start again at 1).
  for (const dir of ['mail', 'uploads']) {
    fs.rmSync(path.join(path.dirname(file), dir), { recursive: true, force: true });
  }
  openDb(file).$client.close();
  process.stdout.write(JSON.stringify({ ok: true, file }));
  process.exit(0);
}

const db = openDb(file);
const actor: Actor = args.actor ?? SYSTEM_ACTOR;
/** `now` (ISO instant, optional) backdates a filing or an action, e.g. to make a case overdue. */
const now = typeof args.now === 'string' ? new Date(args.now) : undefined;
const handlers: Record<string, () => unknown> = {
  // create-team, create-staff and create-process come with the admin verbs (verbs/admin.ts).
  'file-case': () => createCase(makeCtx(db, actor, now), args.input),
  /** Several filings in one process (each `tsx` start costs a second): their ids and radicados. */
  'file-cases': async () => {
    const filed = [];
    for (const input of args.inputs as unknown[]) {
      filed.push(await createCase(makeCtx(db, actor, now), input));
    }
    return filed;
  },
  'apply-action': () =>
    applyCaseAction(makeCtx(db, actor, now), { caseId: args.caseId, ...args.input }),
  /** A queued mail's text as it is (or will be) sent: composed now when queued as parameters. */
  'mail-text': () => {
    const row = db
      .select()
      .from(outbox)
      .where(and(eq(outbox.caseId, args.caseId), eq(outbox.kind, args.kind)))
      .get();
    if (!row) throw new Error(`no ${args.kind} mail for case ${args.caseId}`);
    return { text: mailBody(row).text };
  },
  /** A stored PDF on a case, public or internal, as a filing or an agent's note would leave it. */
  'attach-file': async () => {
    const { stored } = storeUploads(await checkUploads([{ name: args.name, bytes: PDF }]));
    return await recordAttachments(db, args.caseId, null, stored, args.visibility);
  },
};
for (const area of [
  boardVerbs,
  qualityVerbs,
  causesVerbs,
  reportsVerbs,
  tourVerbs,
  channelsVerbs,
  adminVerbs,
]) {
  for (const [name, fn] of Object.entries(area)) handlers[name] = () => fn(args, db, actor);
}
const handler = handlers[verb ?? ''];
if (!handler) {
  process.stderr.write(`unknown verb: ${verb}\n`);
  process.exit(2);
}
process.stdout.write(JSON.stringify(await handler()));
db.$client.close();
