import type { AreaVerbs } from './types';

/** Server verbs the reports specs need (see ../verbs.ts). */
export const verbs: AreaVerbs = {};
