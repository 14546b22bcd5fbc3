import type { ViewBench } from './types';

/** The board view's benchmarks (see types.ts). */
export const benches: ViewBench[] = [];
