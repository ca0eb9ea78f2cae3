/**
 * Curve decimation: at most a few points per pixel column, keeping each column's first, min, max and last value so
 * spikes survive. 100,000 points become ~4 per pixel column whatever the zoom. Plus exponential smoothing.
 */

export interface XY {
  readonly x: number;
  readonly y: number;
}

/**
 * Buckets points (sorted by x) into `columns` equal x-ranges over [x0, x1] and keeps, in x order, the first, min,
 * max and last point of each bucket. Non-finite y values are skipped. Returns the input when it is already small.
 */
export function decimateMinMax(points: readonly XY[], columns: number, x0: number, x1: number): XY[] {
  const finite = points.filter((p) => Number.isFinite(p.y));
  if (finite.length <= columns * 4 || !(x1 > x0)) return finite;
  const out: XY[] = [];
  const span = x1 - x0;
  let bucket = -1;
  let first: XY | null = null;
  let min: XY | null = null;
  let max: XY | null = null;
  let last: XY | null = null;
  const flush = (): void => {
    if (!first || !min || !max || !last) return;
    const keep = [first, min, max, last].sort((a, b) => a.x - b.x);
    let prev: XY | null = null;
    for (const p of keep) if (p !== prev) out.push((prev = p));
  };
  for (const p of finite) {
    const b = Math.min(columns - 1, Math.max(0, Math.floor(((p.x - x0) / span) * columns)));
    if (b !== bucket) {
      flush();
      bucket = b;
      first = min = max = last = p;
    } else {
      if (p.y < min!.y) min = p;
      if (p.y > max!.y) max = p;
      last = p;
    }
  }
  flush();
  return out;
}

/** Exponential moving average with weight `alpha` in [0, 1) on the previous value (0 = none), debiased. */
export function smooth(values: readonly number[], alpha: number): number[] {
  if (alpha <= 0) return [...values];
  const out: number[] = [];
  let acc = 0;
  let weight = 0;
  for (const v of values) {
    if (!Number.isFinite(v)) {
      out.push(v);
      continue;
    }
    acc = alpha * acc + (1 - alpha) * v;
    weight = alpha * weight + (1 - alpha);
    out.push(acc / weight);
  }
  return out;
}
