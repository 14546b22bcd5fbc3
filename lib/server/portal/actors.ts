import 'server-only';
import type { Actor } from '../core/actor';

/** Someone on the public pages who holds no case yet (filing, looking one up). */
export const VISITOR: Extract<Actor, { role: 'customer' }> = {
  role: 'customer',
  id: null,
  caseId: null,
};

/** The petitioner once the signed cookie (or link) has opened their one case. */
export type PetitionerActor = Extract<Actor, { role: 'customer' }> & { caseId: number };
