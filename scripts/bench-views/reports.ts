import type { ViewBench } from './types';

/** The reports view's benchmarks (see types.ts). */
export const benches: ViewBench[] = [];
