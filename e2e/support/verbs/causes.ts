import type { AreaVerbs } from './types';

/** Server verbs the causes specs need (see ../verbs.ts). */
export const verbs: AreaVerbs = {};
