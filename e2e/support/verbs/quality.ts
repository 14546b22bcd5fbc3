import type { AreaVerbs } from './types';

/** Server verbs the quality specs need (see ../verbs.ts). */
export const verbs: AreaVerbs = {};
