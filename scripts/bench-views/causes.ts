import type { ViewBench } from './types';

/** The causes view's benchmarks (see types.ts). */
export const benches: ViewBench[] = [];
