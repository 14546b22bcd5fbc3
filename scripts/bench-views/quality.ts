import type { ViewBench } from './types';

/** The quality view's benchmarks (see types.ts). */
export const benches: ViewBench[] = [];
