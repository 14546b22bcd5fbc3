/**
 * A small seeded PRNG (mulberry32) so that every seed run with the same seed writes the same data.
 * Not for secrets: only for demo and benchmark data.
 */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Picks a key with probability proportional to its weight. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K;
  /** Picks an item with probability proportional to `weightOf(item)`. */
  weightedItem<T>(items: readonly T[], weightOf: (item: T) => number): T;
  /** A new generator whose sequence depends only on this one's seed and `salt`. */
  fork(salt: number): Random;
}

export const DEFAULT_SEED = 20_260_101;

export function createRandom(seed: number = DEFAULT_SEED): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new RangeError('Cannot pick from an empty list');
    return items[Math.floor(next() * items.length)] as T;
  };
  const weightedItem = <T>(items: readonly T[], weightOf: (item: T) => number): T => {
    let total = 0;
    for (const item of items) total += weightOf(item);
    let r = next() * total;
    for (const item of items) {
      r -= weightOf(item);
      if (r < 0) return item;
    }
    return pick(items);
  };
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick,
    weighted: <K extends string>(weights: Readonly<Record<K, number>>): K =>
      weightedItem(Object.keys(weights) as K[], (key) => weights[key]),
    weightedItem,
    fork: (salt) => createRandom((Math.imul(seed ^ 0x9e3779b9, 31) + salt) >>> 0),
  };
}

/**
 * A fast sampler for a fixed weight table (scale mode draws millions of values): the cumulative
 * weights are computed once, each draw is a short linear scan.
 */
export function createSampler<T>(entries: readonly (readonly [T, number])[]): (r: number) => T {
  const values = entries.map(([value]) => value);
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  const cumulative: number[] = [];
  let running = 0;
  for (const [, weight] of entries) {
    running += weight / total;
    cumulative.push(running);
  }
  const last = values[values.length - 1] as T;
  return (r) => {
    for (let i = 0; i < cumulative.length; i++) {
      if (r < (cumulative[i] as number)) return values[i] as T;
    }
    return last;
  };
}
