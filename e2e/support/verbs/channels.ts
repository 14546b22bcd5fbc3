import { sendDeadlineAlerts } from '@/lib/server/jobs/deadline-alerts';
import { createApiKey, ensureIntakeChannel } from '@/lib/server/intake/keys';
import type { AreaVerbs } from './types';

/** Server verbs the channels specs need (see ../verbs.ts). */
export const verbs: AreaVerbs = {
  /** An intake channel and a key for it; returns the raw key (shown once). */
  'create-api-key': (args, db) => {
    const channelId = ensureIntakeChannel(db, args.channelName, args.channel);
    return createApiKey(db, { channelId, name: args.name ?? 'e2e', withSigningSecret: false });
  },
  /** One run of the deadline-alerts job at `now` (ISO). */
  'run-deadline-alerts': (args, db) => sendDeadlineAlerts(db, new Date(args.now)),
  /** Makes a staff member the supervisor of their team (teams.supervisor_id). */
  'set-team-supervisor': (args, db) =>
    db.$client
      .prepare('UPDATE teams SET supervisor_id = ? WHERE id = ?')
      .run(args.supervisorId, args.teamId).changes,
};
