import 'server-only';
import type { Actor } from '../core/actor';

/** Someone on the public pages who holds no case yet (core/actor.ts). */
export { VISITOR } from '../core/actor';

/** The petitioner once the signed cookie (or link) has opened their one case. */
export type PetitionerActor = Extract<Actor, { role: 'customer' }> & { caseId: number };
