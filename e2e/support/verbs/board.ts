import type { AreaVerbs } from './types';

/** Server verbs the board specs need (see ../verbs.ts). */
export const verbs: AreaVerbs = {};
