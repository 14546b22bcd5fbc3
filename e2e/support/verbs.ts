/**
 * The e2e suite's verb server: server verbs Playwright fixtures run against the e2e database
 * (DATABASE_PATH), in one long-lived process started before the app (playwright.config.ts), since
 * server modules need the `react-server` condition and a `tsx` start costs more than a second.
 * `POST /<verb>` with the JSON arguments answers the verb's result as JSON; a verb that throws
 * answers 500 with its stack. `reset-db` as the first argument starts from a fresh database.
 */
import fs from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { databasePath, openDb } from '@/db/client';
import { SYSTEM_ACTOR, type Actor } from '@/lib/server/core/actor';
import { applyCaseAction } from '@/lib/server/cases/apply-case-action';
import { checkUploads, recordAttachments, storeUploads } from '@/lib/server/cases/uploads';
import { E2E_VERB_PORT } from './env';
import type { AreaVerb } from './verbs/types';
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

const file = databasePath();

if (process.argv[2] === 'reset-db') {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
  // Mail and files of an earlier run would be mistaken for this one's (ids start again at 1).
  for (const dir of ['mail', 'uploads']) {
    fs.rmSync(path.join(path.dirname(file), dir), { recursive: true, force: true });
  }
}

const db = openDb(file);
type VerbArgs = Parameters<AreaVerb>[0];

/** The handler of a verb, given its arguments; undefined for an unknown verb. */
function handlerOf(verb: string, args: VerbArgs): (() => unknown) | undefined {
  const actor: Actor = args.actor ?? SYSTEM_ACTOR;
  /** `now` (ISO instant, optional) backdates a filing or an action, e.g. to make a case overdue. */
  const now = typeof args.now === 'string' ? new Date(args.now) : undefined;
  const handlers: Record<string, () => unknown> = {
    // create-team, create-staff and create-process come with the admin verbs (verbs/admin.ts).
    'file-case': () => createCase(makeCtx(db, actor, now), args.input),
    /** Several filings in one call: their ids and radicados. */
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
  return handlers[verb];
}

const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const verb = (request.url ?? '/').slice(1);
    const answer = (status: number, value: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(value ?? null));
    };
    if (verb === 'ready') return answer(200, { ok: true, file });
    const raw = Buffer.concat(chunks).toString('utf8');
    const handler = handlerOf(verb, raw ? JSON.parse(raw) : {});
    if (!handler) return answer(404, { error: `unknown verb: ${verb}` });
    Promise.resolve()
      .then(handler)
      .then(
        (result) => answer(200, result),
        (error: unknown) =>
          answer(500, {
            error: error instanceof Error ? (error.stack ?? error.message) : String(error),
          }),
      );
  });
});
server.listen(E2E_VERB_PORT, '127.0.0.1');
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    server.close();
    db.$client.close();
    process.exit(0);
  });
}
