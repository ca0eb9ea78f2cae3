/**
 * Keeps the previous React Flow node or edge object wherever the new one holds the same values, so an edit of
 * one layer re-renders that layer (and what its shape reaches), not all of them: React Flow and the memoised
 * node component skip an element whose object is unchanged. At 1,000 layers every edit re-rendered 1,000 nodes.
 */

/** Structural equality of plain data (objects, arrays, primitives), identical objects first. */
export function sameData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => sameData(x, b[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(rb, k) && sameData(ra[k], rb[k]));
}

/** `next`, with each element equal to the previous one of its id replaced by that previous object. */
export function keepUnchanged<T extends { readonly id: string }>(
  prev: readonly T[],
  next: readonly T[],
): T[] {
  if (prev.length === 0) return [...next];
  const before = new Map(prev.map((x) => [x.id, x] as const));
  return next.map((x) => {
    const p = before.get(x.id);
    return p !== undefined && sameData(p, x) ? p : x;
  });
}
