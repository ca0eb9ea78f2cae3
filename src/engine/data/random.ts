/**
 * Small seeded pseudo-random helpers shared by the engine (procedural data, shuffles, initial noise).
 * mulberry32 is a 32-bit generator: fast, tiny state, good enough for data and shuffles (not for cryptography).
 * scripts/datasets/prng.mjs keeps a byte-identical JavaScript copy for the install-time script.
 */

/** A generator of floats in [0, 1). */
export type Rng = () => number;

export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Integer in [0, n). */
export function randInt(rng: Rng, n: number): number {
  return Math.floor(rng() * n);
}

/** Float in [lo, hi). */
export function uniform(rng: Rng, lo: number, hi: number): number {
  return lo + (hi - lo) * rng();
}

/** Standard normal sample (Box–Muller), scaled to mean/std. */
export function gaussian(rng: Rng, mean = 0, std = 1): number {
  let u = rng();
  while (u <= Number.EPSILON) u = rng();
  const v = rng();
  return mean + std * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Two independent standard normal samples written into `out` (Box–Muller, both outputs used). */
export function gaussianPair(rng: Rng, out: [number, number]): [number, number] {
  let u = rng();
  while (u <= Number.EPSILON) u = rng();
  const r = Math.sqrt(-2 * Math.log(u));
  const a = 2 * Math.PI * rng();
  out[0] = r * Math.cos(a);
  out[1] = r * Math.sin(a);
  return out;
}

/** Anything indexable and writable by number: an array or a typed array. */
type Indexable = { length: number; [i: number]: unknown };

/**
 * Fisher–Yates shuffle in place (an array or a typed array); returns the same array. One rng() per position from
 * the end, so a seed gives the same order for every caller (batch order, permutations, data).
 */
export function shuffleInPlace<A extends Indexable>(items: A, rng: Rng): A {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const a = items[i] as A[number];
    items[i] = items[j] as A[number];
    items[j] = a;
  }
  return items;
}

/** A shuffled permutation of 0..n-1 (e.g. batch order for an epoch). */
export function permutation(n: number, rng: Rng): Uint32Array {
  const p = new Uint32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  return shuffleInPlace(p, rng);
}
