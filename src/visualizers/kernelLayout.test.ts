import { describe, expect, it } from 'vitest';
import { asNodeId } from '../engine/graph/types';
import {
  cellOrigin,
  kernelAt,
  layoutKernels,
  MAX_COLS,
  RGB_ROW,
  valueIndex,
  type KernelData,
} from './kernelLayout';

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
  it('wraps the filters into bands with minKernelPx, so kernels can be shown bigger in a narrow panel', () => {
    const one = [set('c1', 3, 1, 8)];
    expect(layoutKernels(one, 245).blocks[0]).toMatchObject({ perRow: 8, bands: 1, scale: 6 });
    const wrapped = layoutKernels(one, 245, { minKernelPx: 48 });
    const b = wrapped.blocks[0]!;
    // (245 + 2) / (48 + 2) → 4 kernels per band, two bands; one band is 4·(3·6 + 2) − 2 = 78 px wide.
    expect(b).toMatchObject({ perRow: 4, bands: 2, scale: 6, cols: 8 });
    expect(wrapped.width).toBe(78);
    expect(cellOrigin(b, 0, 4)).toEqual({ x: 0, y: b.caption + 18 + 2 + 4 });
    expect(cellOrigin(b, 0, 7).x).toBe(3 * 20);
    // Two bands of one 18-px row each, 4 px between the bands, no gap under the last.
    expect(wrapped.height).toBe(b.caption + 2 * (18 + 2) + 4 - 2);
    // A 10×10 layer steps its zoom down until 4 fit: 4·(10·5 + 2) − 2 = 206 ≤ 245.
    expect(layoutKernels([set('c1', 10, 1, 8)], 245, { minKernelPx: 48 }).blocks[0]).toMatchObject({
      perRow: 4,
      scale: 5,
    });
    // No width to wrap to: one row, as without the option.
    expect(layoutKernels(one, Infinity, { minKernelPx: 48 }).blocks[0]!.perRow).toBe(8);
  });
  it('hit-tests kernels in every band of a wrapped layer', () => {
    const many = [set('c1', 3, 2, 6)];
    const wrapped = layoutKernels(many, 60, { minKernelPx: 20 });
    const b = wrapped.blocks[0]!;
    expect(b.bands).toBeGreaterThan(1);
    for (let f = 0; f < 6; f++)
      for (let c = 0; c < 2; c++) {
        const o = cellOrigin(b, c, f);
        expect(kernelAt(wrapped, many, o.x + b.scale + 0.5, o.y + 0.5)).toMatchObject({
          filter: f,
          channel: c,
          kx: 1,
        });
      }
    // Between bands and right of the last kernel of a band: nothing.
    const last = cellOrigin(b, 1, b.perRow - 1);
    expect(kernelAt(wrapped, many, last.x, last.y + 3 * b.scale + b.gap + 1)).toBeNull();
    expect(kernelAt(wrapped, many, b.perRow * (3 * b.scale + b.gap) + 1, last.y)).toBeNull();
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
  it('puts a colour row on top of a layer reading an RGB image, and hit-tests it and the channel rows below', () => {
    const rgb = { ...set('c1', 3, 3, 4), rgbInput: true };
    const l = layoutKernels([rgb]);
    const b = l.blocks[0]!;
    const cell = 3 * b.scale + b.gap;
    expect(b).toMatchObject({ rows: 3, colourRow: 1 });
    expect(l.height).toBe(b.caption + 4 * cell - b.gap);
    expect(cellOrigin(b, RGB_ROW, 2)).toEqual({ x: 2 * cell, y: b.caption });
    expect(cellOrigin(b, 0, 2).y).toBe(b.caption + cell);
    const top = cellOrigin(b, RGB_ROW, 2);
    const hit = kernelAt(l, [rgb], top.x + b.scale + 0.5, top.y + 2 * b.scale + 0.5);
    expect(hit).toMatchObject({ filter: 2, channel: RGB_ROW, ky: 2, kx: 1 });
    // The tap's red, green and blue weights in turn.
    expect([...hit!.weights.subarray((2 * 3 + 1) * 3, (2 * 3 + 2) * 3)]).toEqual(
      [0, 1, 2].map((c) => rgb.values[valueIndex(rgb, 2, 1, c, 2)]),
    );
    const below = cellOrigin(b, 2, 3);
    expect(kernelAt(l, [rgb], below.x + 0.5, below.y + 0.5)).toMatchObject({ filter: 3, channel: 2 });
    expect(kernelAt(l, [rgb], below.x + 0.5, below.y + cell + 0.5)).toBeNull();
    // Three channels that are not an image (rgbInput unset): no colour row.
    expect(layoutKernels([set('c2', 3, 3, 4)]).blocks[0]!.colourRow).toBe(0);
  });
});
