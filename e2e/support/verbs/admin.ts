import { createProcess } from '@/lib/server/admin/create-process';
import { createStaffUser } from '@/lib/server/admin/create-staff-user';
import { createTeam } from '@/lib/server/admin/create-team';
import { resetStaffPassword } from '@/lib/server/admin/reset-staff-password';
import { routingRules, routingRuleSets } from '@/db/schema';
import { makeCtx } from '@/lib/server/core/context';
import type { AreaVerbs } from './types';

/**
 * Server verbs the admin specs need (see ../verbs.ts). Helpers of different admin areas add their
 * verbs here under names prefixed by their area (people-…, config-…, catalog-…, records-…).
 * The set-up verbs every spec uses (a team, a staff user, a process) run here through the admin
 * verbs' context shape; ../verbs.ts registers area verbs after its own, so these are the ones run.
 */
export const verbs: AreaVerbs = {
  'create-team': async (args, db, actor) => await createTeam(makeCtx(db, actor), args.input),
  'create-staff': async (args, db, actor) => await createStaffUser(makeCtx(db, actor), args.input),
  'create-process': async (args, db, actor) => await createProcess(makeCtx(db, actor), args.input),
  // The routing spec leaves no rules behind: other specs expect new cases in no team.
  'clear-routing': (_args, db) => {
    db.delete(routingRules).run();
    db.delete(routingRuleSets).run();
    return Promise.resolve({ ok: true });
  },
  'reset-password': async (args, db, actor) =>
    await resetStaffPassword(makeCtx(db, actor), args.input),
};
