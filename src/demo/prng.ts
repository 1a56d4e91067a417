/**
 * A small seeded PRNG (mulberry32) and the sampling helpers the demo generator needs.
 * Deterministic by construction: no Math.random, no clock.
 */
import { mulberry32 } from '../../analysis/signals/stats.js';

export interface Rng {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Integer in [min, max] inclusive. */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Picks by weight; weights need not sum to 1. */
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  /** Poisson-distributed count with mean lambda. */
  poisson(lambda: number): number;
  /** A derived, independent stream (for a sub-task whose draws must not shift the others). */
  fork(label: string): Rng;
}


/** FNV-1a over a label, mixed with a seed: a stable 32-bit seed for forks. */
export function hashSeed(seed: number, label: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export function createRng(seed: number): Rng {
  const next = mulberry32(seed);
  const rng: Rng = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)] as T;
    },
    weighted: <T>(items: readonly (readonly [T, number])[]): T => {
      let total = 0;
      for (const [, w] of items) total += w;
      let r = next() * total;
      for (const [item, w] of items) {
        r -= w;
        if (r < 0) return item;
      }
      const last = items[items.length - 1];
      if (!last) throw new Error('weighted pick from an empty list');
      return last[0];
    },
    poisson: (lambda) => {
      if (lambda <= 0) return 0;
      if (lambda > 40) {
        // Normal approximation is plenty for the demo's large means.
        const u1 = Math.max(next(), 1e-12);
        const u2 = next();
        const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
        return Math.max(0, Math.round(lambda + z * Math.sqrt(lambda)));
      }
      const limit = Math.exp(-lambda);
      let k = 0;
      let p = next();
      while (p > limit) {
        k++;
        p *= next();
      }
      return k;
    },
    fork: (label) => createRng(hashSeed(seed, label)),
  };
  return rng;
}
