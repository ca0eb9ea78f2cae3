import { describe, expect, it } from 'vitest';
import { convCell } from '../engine/inspect/convCell';
import { paintConvStep, CAPTION, CELL, mapCellAt, type ConvStepView } from './convStepPaint';

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
  it('labels every cell; padded input cells are striped and read 0, the weights there are the real ones', () => {
    const p = paintConvStep(view(0));
    expect(p.labels).toHaveLength(27);
    // Cell (0, 0) of the window hangs over the top-left padding: striped grey, not a value colour, and 0.
    const pad = p.labels[0];
    expect(pad?.text).toBe('0');
    const stripes = (l: typeof pad): Set<string> => {
      const seen = new Set<string>();
      for (let d = 0; d < 6; d++) seen.add(px(p.frame, (l?.x ?? 0) + d, (l?.y ?? 0) + 1).join());
      return seen;
    };
    expect(stripes(pad)).toEqual(new Set(['200,200,200,255', '150,150,150,255']));
    // The weight at that padded tap is its trained value (−4), coloured, not "pad"; its product is 0.
    expect(p.labels[9]?.text).toBe('\u22124.00');
    expect(stripes(p.labels[9]).size).toBe(1);
    expect(p.labels[18]?.text).toBe('0');
    // The centre tap is input (0, 0) = 0: the weight grid's centre prints the weight 0.
    expect(p.labels[9 + 4]?.text).toBe('0');
    expect(p.labels[18 + 4]?.text).toBe('0');
  });

  it('maps a pixel of the input picture back to its input cell (null on the padding)', () => {
    const p = paintConvStep(view(0));
    const m = p.map;
    if (!m) throw new Error('no map');
    // 4×4 inside one cell of padding: 6 cells of 25 px; input (2, 1) is padded cell (3, 2).
    expect(m.scale).toBe(25);
    expect(mapCellAt(m, 2 * 25 + 3, CAPTION + 3 * 25 + 3)).toEqual({ y: 2, x: 1 });
    expect(mapCellAt(m, 3, CAPTION + 3)).toBeNull();
  });

  it('moves the outlined window on the input map when the cell moves', () => {
    const a = paintConvStep(view(0));
    const b = paintConvStep(view(1));
    expect(a.frame.width).toBe(b.frame.width);
    const diff = a.frame.packed.some((v, i) => v !== b.frame.packed[i]);
    expect(diff).toBe(true);
    // The window outline (orange-red) starts at the padded corner for cell 0 (map scale: 150 / 6 = 25 px a cell).
    expect(px(a.frame, 0, CAPTION)).toEqual([255, 80, 40, 255]);
    expect(px(b.frame, 0, CAPTION + 30)).not.toEqual([255, 80, 40, 255]);
    expect(CELL).toBeGreaterThan(20);
  });
});
