import { describe, expect, it } from 'vitest';
import { convCell } from '../engine/inspect/convCell';
import { paintConvStep, CELL, type ConvStepView } from './convStepPaint';

const px = (f: ReturnType<typeof paintConvStep>['frame'], x: number, y: number): number[] => {
  const o = (y * f.width + x) * 4;
  return [...f.bytes.subarray(o, o + 4)];
};

function view(ox: number): ConvStepView {
  const input = { h: 4, w: 4, c: 1, values: Float32Array.from({ length: 16 }, (_, i) => i / 15) };
  const io = {
    input,
    weights: Float32Array.from({ length: 9 }, (_, i) => i - 4),
    bias: null,
    filters: 1,
    kernel: [3, 3] as const,
    stride: [1, 1] as const,
    dilation: [1, 1] as const,
    padding: 'same' as const,
    activation: 'linear' as const,
  };
  const cell = convCell(io, 0, 0, ox);
  if (!cell) throw new Error('no cell');
  return {
    kind: 'conv',
    input,
    cell,
    stride: [1, 1],
    pad: { top: 1, left: 1, bottom: 1, right: 1 },
    channels: 4,
  };
}

describe('paintConvStep', () => {
  it('labels every window, weight and product cell, and marks padded taps "pad" with stripes', () => {
    const p = paintConvStep(view(0));
    expect(p.labels).toHaveLength(27);
    // Cell (0, 0) of the window hangs over the top-left padding: striped grey, not a value colour.
    const pad = p.labels[0];
    expect(pad?.text).toBe('pad');
    const stripesSeen = new Set<string>();
    for (let d = 0; d < 6; d++) stripesSeen.add(px(p.frame, (pad?.x ?? 0) + d, (pad?.y ?? 0) + 1).join());
    expect(stripesSeen).toEqual(new Set(['200,200,200,255', '150,150,150,255']));
    // The centre tap is input (0, 0) = 0: the weight grid's centre prints the weight 0.
    expect(p.labels[9 + 4]?.text).toBe('0.00');
    expect(p.labels[18 + 4]?.text).toBe('0.00');
  });

  it('moves the outlined window on the input map when the cell moves', () => {
    const a = paintConvStep(view(0));
    const b = paintConvStep(view(1));
    expect(a.frame.width).toBe(b.frame.width);
    const diff = a.frame.packed.some((v, i) => v !== b.frame.packed[i]);
    expect(diff).toBe(true);
    // The window outline (orange-red) starts at the padded corner for cell 0 (map scale: 150 / 6 = 25 px a cell).
    expect(px(a.frame, 0, 14)).toEqual([255, 80, 40, 255]);
    expect(px(b.frame, 0, 14 + 30)).not.toEqual([255, 80, 40, 255]);
    expect(CELL).toBeGreaterThan(20);
  });
});
