import { describe, expect, it } from 'vitest';
import { poolCells, type PoolingData } from './pooling';

const d = (argmax: Int32Array | null): PoolingData => ({
  input: { h: 4, w: 4, count: 2, data: new Uint8Array(32) },
  output: { h: 2, w: 2, count: 2, data: new Uint8Array(8) },
  argmax,
  pool: [2, 2],
  stride: [2, 2],
});

describe('poolCells', () => {
  it('max: the winning cell from a per-channel argmax', () => {
    const a = new Int32Array(8).fill(-1);
    a[4 + 1 * 2 + 1] = 15; // channel 1, output (1,1) ← input (3,3)
    expect(poolCells(d(a), 1, 1, 1)).toEqual({ y: 3, x: 3, h: 1, w: 1 });
  });
  it('average: the whole window', () => {
    expect(poolCells(d(null), 0, 1, 0)).toEqual({ y: 2, x: 0, h: 2, w: 2 });
  });
});
