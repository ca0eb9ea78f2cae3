import { describe, expect, it } from 'vitest';
import { makeProceduralDataset, PROCEDURAL_CLASS_NAMES } from './procedural';

const PX = 28 * 28;

/** Byte equality without the slow element-wise diff of toEqual on large arrays. */
function same(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** Features a first conv layer would find: oriented gradient energy (4 bins) and how much is bright. */
function features(img: Uint8Array, off: number): number[] {
  const f = [0, 0, 0, 0, 0, 0];
  for (let y = 1; y < 27; y++) {
    for (let x = 1; x < 27; x++) {
      const at = (dx: number, dy: number) => img[off + (y + dy) * 28 + x + dx] ?? 0;
      const gx = at(1, 0) - at(-1, 0);
      const gy = at(0, 1) - at(0, -1);
      const m = gx * gx + gy * gy;
      const a = Math.atan2(gy, gx);
      const bin = ((Math.round((2 * a) / (Math.PI / 2)) % 4) + 4) % 4;
      f[bin]! += m;
    }
  }
  const e = f[0]! + f[1]! + f[2]! + f[3]! || 1;
  for (let b = 0; b < 4; b++) f[b] = f[b]! / e;
  let bright = 0;
  for (let i = 0; i < PX; i++) if ((img[off + i] ?? 0) > 128) bright++;
  f[4] = bright / PX;
  f[5] = Math.sqrt(e) / 1e4;
  return f;
}

function correlation(a: readonly number[], b: readonly number[]): number {
  const mean = (v: readonly number[]) => v.reduce((s, x) => s + x, 0) / v.length;
  const ma = mean(a);
  const mb = mean(b);
  let ab = 0;
  let aa = 0;
  let bb = 0;
  a.forEach((x, i) => {
    const y = b[i]!;
    ab += (x - ma) * (y - mb);
    aa += (x - ma) ** 2;
    bb += (y - mb) ** 2;
  });
  return ab / Math.sqrt(aa * bb);
}

describe('makeProceduralDataset', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = makeProceduralDataset({ seed: 11, train: 200, test: 50 });
    const b = makeProceduralDataset({ seed: 11, train: 200, test: 50 });
    const c = makeProceduralDataset({ seed: 12, train: 200, test: 50 });
    expect(same(b.train.images, a.train.images)).toBe(true);
    expect(same(b.train.labels, a.train.labels)).toBe(true);
    expect(same(b.test.images, a.test.images)).toBe(true);
    expect(same(b.test.labels, a.test.labels)).toBe(true);
    expect(same(c.train.images, a.train.images)).toBe(false);
    expect(same(c.test.images, a.test.images)).toBe(false);
    expect(same(a.test.images.subarray(0, PX), a.train.images.subarray(0, PX))).toBe(false);
  });

  it('has the Dataset shape, ten named classes and balanced labels', () => {
    const d = makeProceduralDataset({ seed: 3, train: 1000, test: 205 });
    expect(d.id).toBe('procedural');
    expect(d.shape).toEqual([28, 28, 1]);
    expect(d.classNames).toEqual(PROCEDURAL_CLASS_NAMES);
    expect(new Set(d.classNames).size).toBe(10);
    expect(d.train.count).toBe(1000);
    expect(d.train.images.length).toBe(1000 * PX);
    expect(d.test.images.length).toBe(205 * PX);
    const counts = new Array<number>(10).fill(0);
    for (const l of d.train.labels) counts[l]! += 1;
    expect(counts).toEqual(new Array<number>(10).fill(100));
    const testCounts = new Array<number>(10).fill(0);
    for (const l of d.test.labels) testCounts[l]! += 1;
    for (const n of testCounts) expect(n === 20 || n === 21).toBe(true);
    // labels are shuffled, not in class order
    expect([...d.train.labels.subarray(0, 10)]).not.toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('draws a visible pattern on a dark background in every image', () => {
    const d = makeProceduralDataset({ seed: 5, train: 300, test: 0 });
    for (let i = 0; i < d.train.count; i++) {
      const img = d.train.images.subarray(i * PX, (i + 1) * PX);
      const sorted = [...img].sort((a, b) => a - b);
      const dark = sorted[Math.floor(PX * 0.3)] ?? 0;
      const bright = sorted[PX - 8] ?? 0;
      expect(dark, `image ${i} background`).toBeLessThan(70);
      expect(bright - dark, `image ${i} contrast`).toBeGreaterThan(90);
    }
  });

  it('is learnable from simple oriented features (nearest centroid well above chance)', () => {
    const d = makeProceduralDataset({ seed: 21, train: 2000, test: 500 });
    const sums = Array.from({ length: 10 }, () => [0, 0, 0, 0, 0, 0]);
    const n = new Array<number>(10).fill(0);
    for (let i = 0; i < d.train.count; i++) {
      const l = d.train.labels[i]!;
      features(d.train.images, i * PX).forEach((v, k) => (sums[l]![k]! += v));
      n[l]! += 1;
    }
    const centroids = sums.map((s, c) => s.map((v) => v / n[c]!));
    let right = 0;
    for (let i = 0; i < d.test.count; i++) {
      const f = features(d.test.images, i * PX);
      let best = -1;
      let bestD = Infinity;
      centroids.forEach((c, k) => {
        const dist = c.reduce((s, v, j) => s + (v - f[j]!) ** 2, 0);
        if (dist < bestD) [best, bestD] = [k, dist];
      });
      if (best === d.test.labels[i]) right++;
    }
    const acc = right / d.test.count;
    console.log(`procedural nearest-centroid accuracy: ${(acc * 100).toFixed(1)}%`);
    expect(acc).toBeGreaterThan(0.35);
    expect(acc).toBeLessThan(0.99);
  });

  it('makes a few thousand images quickly', () => {
    // Best of three (a busy machine pauses a single run): 1,200 images each, at a rate of 6,000 in 3 s or better.
    let best = Infinity;
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      const d = makeProceduralDataset({ seed: 1 + i, train: 1000, test: 200 });
      best = Math.min(best, performance.now() - t);
      expect(d.train.count + d.test.count).toBe(1200);
    }
    console.log(`procedural 1200 images: ${best.toFixed(0)} ms (best of 3)`);
    expect(best).toBeLessThan(600);
  });

  it('keeps the grey 28×28 bytes it always made (size and colour options leave the default alone)', () => {
    const d = makeProceduralDataset({ seed: 11, train: 50, test: 20 });
    const hash = (a: Uint8Array) => a.reduce((h, v) => (h * 31 + v) >>> 0, 0);
    expect([hash(d.train.images), hash(d.test.images)]).toEqual([4269050491, 1642324421]);
  });

  it('colours the shapes with channels: 3 (interleaved RGB), same classes and ink as the grey set', () => {
    const grey = makeProceduralDataset({ seed: 4, train: 60, test: 10 });
    const rgb = makeProceduralDataset({ seed: 4, train: 60, test: 10, channels: 3 });
    expect(rgb.shape).toEqual([28, 28, 3]);
    expect(rgb.train.images.length).toBe(60 * PX * 3);
    expect([...rgb.train.labels]).toEqual([...grey.train.labels]);
    // Image 0 draws the same shape (its painter comes first from the generator): the brightest channel follows it.
    const a = grey.train.images.subarray(0, PX);
    const b = Array.from({ length: PX }, (_, i) => Math.max(...rgb.train.images.subarray(3 * i, 3 * i + 3)));
    expect(correlation([...a], b)).toBeGreaterThan(0.9);
    // Colour: in most images the channels of the ink differ clearly (grey images would have equal channels).
    let coloured = 0;
    for (let k = 0; k < 60; k++) {
      const img = rgb.train.images.subarray(k * PX * 3, (k + 1) * PX * 3);
      let spread = 0;
      for (let i = 0; i < PX; i++) {
        const px = img.subarray(3 * i, 3 * i + 3);
        spread = Math.max(spread, Math.max(...px) - Math.min(...px));
      }
      if (spread > 80) coloured++;
    }
    expect(coloured).toBeGreaterThan(40);
  });

  it('draws the same shapes at another size (32×32, 64×64), sampled finer', () => {
    const d28 = makeProceduralDataset({ seed: 9, train: 4, test: 0 });
    const d56 = makeProceduralDataset({ seed: 9, train: 4, test: 0, size: 56 });
    expect(makeProceduralDataset({ seed: 9, train: 2, test: 1, size: 32, channels: 3 }).shape).toEqual([
      32, 32, 3,
    ]);
    expect(makeProceduralDataset({ seed: 9, train: 2, test: 0, size: 64 }).train.images.length).toBe(
      2 * 64 * 64,
    );
    // 56 → 28 by 2×2 means matches the 28×28 image 0 (same painter; only the pixel noise differs).
    const big = d56.train.images;
    const half = Array.from({ length: PX }, (_, i) => {
      const x = i % 28;
      const y = (i - x) / 28;
      const at = (dx: number, dy: number) => big[(2 * y + dy) * 56 + 2 * x + dx]!;
      return (at(0, 0) + at(1, 0) + at(0, 1) + at(1, 1)) / 4;
    });
    expect(correlation([...d28.train.images.subarray(0, PX)], half)).toBeGreaterThan(0.85);
    expect(() => makeProceduralDataset({ seed: 1, train: 1, test: 0, size: 4 })).toThrow(RangeError);
  });

  it('rejects counts that are not whole numbers', () => {
    expect(() => makeProceduralDataset({ seed: 1, train: -1, test: 0 })).toThrow(RangeError);
    expect(() => makeProceduralDataset({ seed: 1, train: 1.5, test: 0 })).toThrow(RangeError);
  });
});
