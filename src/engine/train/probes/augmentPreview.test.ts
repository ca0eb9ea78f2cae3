import { describe, expect, it } from 'vitest';
import { probeAugmentPreview } from './augmentPreview';
import { makeProceduralDataset } from '../../data/procedural';
import { DEFAULT_HYPER } from '../hyper';
import { DEFAULT_AUGMENT } from '../../data/augment';

const dataset = makeProceduralDataset({ seed: 7, train: 8, test: 4 });
const ctx = { dataset, step: 3, hyper: DEFAULT_HYPER };
const SIZE = 28 * 28;

describe('augmentPreview probe', () => {
  it('returns the training image first, then 8 copies changed by the requested settings', () => {
    const r = probeAugmentPreview(ctx, { index: 2, augment: { ...DEFAULT_AUGMENT, shift: 3, flip: true } });
    if (r.kind !== 'augmentPreview') throw new Error(r.kind);
    expect([r.count, r.h, r.w, r.channels, r.index]).toEqual([9, 28, 28, 1, 2]);
    expect(r.pixels.length).toBe(9 * SIZE);
    const original = dataset.train.images.subarray(2 * SIZE, 3 * SIZE);
    expect(r.pixels.subarray(0, SIZE)).toEqual(original);
    const changed = [1, 2, 3, 4, 5, 6, 7, 8].filter(
      (k) => !r.pixels.subarray(k * SIZE, (k + 1) * SIZE).every((v, i) => v === original[i]),
    );
    expect(changed.length).toBeGreaterThan(5);
  });

  it("uses the run's settings when the request has none (off: the copies are the original)", () => {
    const r = probeAugmentPreview(ctx, { index: 0, count: 2 });
    if (r.kind !== 'augmentPreview') throw new Error(r.kind);
    expect(r.count).toBe(3);
    expect(r.pixels.subarray(SIZE, 2 * SIZE)).toEqual(r.pixels.subarray(0, SIZE));
    expect(r.pixels.subarray(2 * SIZE)).toEqual(r.pixels.subarray(0, SIZE));
  });

  it('the same seed gives the same copies; an index out of range falls back to the first image', () => {
    const req = { index: 99, augment: { ...DEFAULT_AUGMENT, rotate: 20 }, seed: 4 };
    const a = probeAugmentPreview(ctx, req);
    const b = probeAugmentPreview(ctx, req);
    expect(a).toEqual(b);
    expect(a.kind === 'augmentPreview' && a.index).toBe(0);
  });
});
