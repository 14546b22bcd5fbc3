import type { AreaVerbs } from './types';

/**
 * Server verbs the admin specs need (see ../verbs.ts). Helpers of different admin areas add their
 * verbs here under names prefixed by their area (people-…, config-…, catalog-…, records-…).
 */
export const verbs: AreaVerbs = {};
