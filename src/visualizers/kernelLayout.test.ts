import { describe, expect, it } from 'vitest';
import { asNodeId } from '../engine/graph/types';
import { cellOrigin, kernelAt, layoutKernels, MAX_COLS, valueIndex, type KernelData } from './kernelLayout';

function set(node: string, k: number, inC: number, f: number): KernelData {
  const values = new Float32Array(k * k * inC * f);
  for (let i = 0; i < values.length; i++) values[i] = (i % 7) - 3;
  return { node: asNodeId(node), kh: k, kw: k, inChannels: inC, filters: f, values };
}

describe('kernel layout', () => {
  const sets = [set('c1', 5, 1, 8), set('c2', 3, 8, 64)];
  const layout = layoutKernels(sets);
  it('draws the first layer larger and stacks layers', () => {
    const [a, b] = layout.blocks;
    expect(a!.scale).toBeGreaterThan(b!.scale);
    expect(b!.top).toBeGreaterThan(a!.top + a!.caption + 5 * a!.scale);
    expect(b!.cols).toBe(MAX_COLS);
    expect(a!.absMax).toBe(3);
    expect(layout.height).toBe(b!.top + b!.caption + b!.rows * (3 * b!.scale + b!.gap) - b!.gap);
  });
  it('steps a layer zoom down to fit a narrow panel, never below 1 px per tap', () => {
    const wide = [set('c1', 5, 1, 8), set('c2', 3, 8, 32)];
    expect(layoutKernels(wide).width).toBeGreaterThan(300);
    const fitted = layoutKernels(wide, 300);
    expect(fitted.width).toBeLessThanOrEqual(300);
    expect(fitted.blocks.map((b) => b.scale)).toEqual([6, 2]);
    expect(layoutKernels(wide, 10).blocks.map((b) => b.scale)).toEqual([1, 1]);
  });
  it('hit-tests the exact tap and reports the filter weights and norm', () => {
    const b = layout.blocks[1]!;
    const o = cellOrigin(b, 2, 5);
    const hit = kernelAt(layout, sets, o.x + 1 * b.scale + 0.5, o.y + 2 * b.scale + 0.5);
    expect(hit).not.toBeNull();
    expect(hit!).toMatchObject({ node: 'c2', layer: 1, channel: 2, filter: 5, ky: 2, kx: 1 });
    const k = sets[1]!;
    expect(hit!.weights[2 * 3 + 1]).toBe(k.values[valueIndex(k, 2, 1, 2, 5)]);
    let sq = 0;
    for (let ky = 0; ky < 3; ky++)
      for (let kx = 0; kx < 3; kx++)
        for (let c = 0; c < 8; c++) sq += k.values[valueIndex(k, ky, kx, c, 5)]! ** 2;
    expect(hit!.norm).toBeCloseTo(Math.sqrt(sq), 5);
  });
  it('misses in gaps, captions and outside', () => {
    const a = layout.blocks[0]!;
    expect(kernelAt(layout, sets, 1, 1)).toBeNull(); // caption
    const o = cellOrigin(a, 0, 0);
    expect(kernelAt(layout, sets, o.x + 5 * a.scale, o.y + 1)).toBeNull(); // gap column
    expect(kernelAt(layout, sets, -1, o.y)).toBeNull();
    expect(kernelAt(layout, sets, 10_000, 10_000)).toBeNull();
    expect(kernelAt(layout, sets, o.x, o.y)).toMatchObject({
      node: 'c1',
      filter: 0,
      channel: 0,
      ky: 0,
      kx: 0,
    });
  });
});
