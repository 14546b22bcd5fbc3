import { eq } from 'drizzle-orm';
import { teams } from '@/db/schema';
import { SYSTEM_ACTOR } from '@/lib/server/core/actor';
import { makeCtx } from '@/lib/server/core/context';
import { sendDeadlineAlerts } from '@/lib/server/jobs/deadline-alerts';
import { createApiKey, ensureIntakeChannel } from '@/lib/server/intake/keys';
import { receiveInboundMail } from '@/lib/server/intake/mail-inbound';
import { passMailbox } from '@/lib/server/mailboxes/worker';
import type { AreaVerbs } from './types';

/** Server verbs the channels specs need (see ../verbs.ts). */
export const verbs: AreaVerbs = {
  /** An intake channel and a key for it; returns the raw key (shown once). */
  'create-api-key': async (args, db) => {
    const channelId = await ensureIntakeChannel(db, args.channelName, args.channel);
    return await createApiKey(db, {
      channelId,
      name: args.name ?? 'e2e',
      withSigningSecret: false,
    });
  },
  /** One run of the deadline-alerts job at `now` (ISO), as the job runner does it. */
  'run-deadline-alerts': (args, db) =>
    sendDeadlineAlerts(makeCtx(db, SYSTEM_ACTOR, new Date(args.now))),
  /** A message reaching the PQRS mailbox (`from`, `subject`, `text`), through the real intake. */
  'receive-mail': (args, db) =>
    receiveInboundMail(
      makeCtx(db, SYSTEM_ACTOR),
      Buffer.from(
        [
          `From: ${args.from}`,
          'To: pqrs@entidad.gov.co',
          `Subject: ${args.subject}`,
          `Message-ID: <${Date.now()}.${Math.random().toString(36).slice(2)}@e2e.example>`,
          'Content-Type: text/plain; charset=utf-8',
          '',
          args.text,
        ].join('\r\n'),
      ),
    ),
  /** One pass over a mailbox, as the app's worker makes it (the e2e server runs none). */
  'pass-mailbox': (args, db) => passMailbox(() => makeCtx(db, SYSTEM_ACTOR), args.id),
  /** Makes a staff member the supervisor of their team (teams.supervisor_id). */
  'set-team-supervisor': (args, db) =>
    db.update(teams).set({ supervisorId: args.supervisorId }).where(eq(teams.id, args.teamId)).run()
      .changes,
};
