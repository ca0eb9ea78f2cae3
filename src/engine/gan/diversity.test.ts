import { describe, expect, it } from 'vitest';
import { diversityRatio } from './diversity';
import { makeProceduralDataset } from '../data/procedural';

describe('diversityRatio', () => {
  const ds = makeProceduralDataset({ seed: 1, train: 10, test: 40 });
  const size = 28 * 28;
  it('is about 1 for real images against real images', () => {
    const a = ds.test.images.subarray(0, 20 * size);
    const b = ds.test.images.subarray(20 * size, 40 * size);
    const r = diversityRatio(a, b, size);
    expect(r).toBeGreaterThan(0.7);
    expect(r).toBeLessThan(1.3);
  });
  it('is 0 for a collapsed generator (all samples identical)', () => {
    const one = ds.test.images.subarray(0, size);
    const collapsed = new Uint8Array(20 * size);
    for (let i = 0; i < 20; i++) collapsed.set(one, i * size);
    expect(diversityRatio(collapsed, ds.test.images, size)).toBe(0);
  });
});
