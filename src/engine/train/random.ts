/** A Fisher–Yates shuffle for typed index arrays, on the engine's seeded mulberry32: same seed, same order. */
export { mulberry32 } from '../data/random';

/** Shuffles `arr` in place with the given random source and returns it. */
export function shuffleInPlace<T extends { length: number; [i: number]: number }>(
  arr: T,
  rand: () => number,
): T {
  for (let i = arr.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const tmp = arr[i] as number;
    arr[i] = arr[j] as number;
    arr[j] = tmp;
  }
  return arr;
}
