/**
 * A small seeded random source. The demo must be byte-identical for the same seed and as-of date, and a
 * job's content must not depend on how many jobs came before it (so scaling the company up keeps the first
 * jobs unchanged): every job draws from its own stream, derived from (seed, label).
 *
 * mulberry32 is used because it is tiny, fast and stable across Node versions; nothing here needs
 * cryptographic quality.
 */

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** k distinct items in their original order. */
  sample<T>(items: readonly T[], k: number): T[];
  /** Uniform number in [min, max) (for weights and ratios, never for money). */
  between(min: number, max: number): number;
}

/** FNV-1a over the label, mixed with the seed: one 32-bit stream seed per label. */
function streamSeed(seed: number, label: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export function createRng(seed: number, label: string): Rng {
  let state = streamSeed(seed, label);
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[int(0, items.length - 1)]!;
    },
    sample: (items, k) => {
      const idx = items.map((_, i) => i);
      for (let i = idx.length - 1; i > 0; i--) {
        const j = int(0, i);
        [idx[i], idx[j]] = [idx[j]!, idx[i]!];
      }
      return idx
        .slice(0, Math.min(k, idx.length))
        .sort((a, b) => a - b)
        .map((i) => items[i]!);
    },
    between: (min, max) => min + next() * (max - min),
  };
}
