/**
 * Derived seeds for TF.js random ops. TF.js treats a seed of 0 as "no seed" (`seed ? seed : Math.random()`), so
 * every derived seed is a non-zero 32-bit value mixed from the run seed and a stream number.
 */
export function deriveSeed(base: number, stream: number): number {
  let h = Math.imul((base | 0) ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul((stream | 0) + 0x632be5ab, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  const s = h >>> 0;
  return s === 0 ? 1 : s;
}
