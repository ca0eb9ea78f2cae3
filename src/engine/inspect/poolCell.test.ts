import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { poolAxes, poolCell, type PoolGeometry } from './poolCell';
import { randomArray } from './inspectTestUtils';
import type { FloatMap } from './window';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const map = (h: number, w: number, c: number, seed: number): FloatMap => ({
  h,
  w,
  c,
  values: randomArray(h * w * c, seed),
});

function tfPool(x: FloatMap, g: PoolGeometry): { values: Float32Array; oh: number; ow: number } {
  return tf.tidy(() => {
    const t = tf.tensor4d(x.values, [1, x.h, x.w, x.c]);
    const y =
      g.kind === 'max'
        ? tf.maxPool(t, [...g.pool], [...g.stride], g.padding)
        : tf.avgPool(t, [...g.pool], [...g.stride], g.padding);
    return { values: y.dataSync() as Float32Array, oh: y.shape[1], ow: y.shape[2] };
  });
}

const CASES: [string, FloatMap, PoolGeometry][] = [
  ['max 2×2/2 valid', map(6, 7, 3, 1), { kind: 'max', pool: [2, 2], stride: [2, 2], padding: 'valid' }],
  ['max 3×3/2 same', map(7, 6, 2, 2), { kind: 'max', pool: [3, 3], stride: [2, 2], padding: 'same' }],
  [
    'max 2×2/2 same, odd size',
    map(5, 5, 2, 3),
    { kind: 'max', pool: [2, 2], stride: [2, 2], padding: 'same' },
  ],
  ['avg 2×2/2 valid', map(6, 6, 2, 4), { kind: 'avg', pool: [2, 2], stride: [2, 2], padding: 'valid' }],
  [
    'avg 3×3/1 same (padding not counted)',
    map(5, 6, 2, 5),
    { kind: 'avg', pool: [3, 3], stride: [1, 1], padding: 'same' },
  ],
];

describe('poolCell', () => {
  it.each(CASES)('%s: every cell equals TF.js pooling, the max winner holds the output', (_n, x, g) => {
    const ref = tfPool(x, g);
    const [ay, ax] = poolAxes(x, g);
    expect([ay.outSize, ax.outSize]).toEqual([ref.oh, ref.ow]);
    for (let oy = 0; oy < ref.oh; oy++)
      for (let ox = 0; ox < ref.ow; ox++)
        for (let ch = 0; ch < x.c; ch++) {
          const cell = poolCell(x, g, ch, oy, ox);
          const want = ref.values[(oy * ref.ow + ox) * x.c + ch] as number;
          expect(cell?.out).toBeCloseTo(want, 5);
          if (g.kind === 'max') {
            const wi = cell?.winner ?? -1;
            expect(cell?.padded[wi]).toBe(0);
            expect(cell?.window[wi]).toBe(want);
            const iy = cell?.rows[Math.floor(wi / g.pool[1])] ?? -1;
            const ix = cell?.cols[wi % g.pool[1]] ?? -1;
            expect(x.values[(iy * x.w + ix) * x.c + ch]).toBe(want);
          } else expect(cell?.winner).toBe(-1);
        }
  });

  it('counts only real inputs and flags the padded ones', () => {
    const x = map(5, 5, 1, 9);
    const cell = poolCell(x, { kind: 'avg', pool: [3, 3], stride: [1, 1], padding: 'same' }, 0, 0, 0);
    expect(cell?.count).toBe(4);
    expect(Array.from(cell?.padded ?? [])).toEqual([1, 1, 1, 1, 0, 0, 1, 0, 0]);
    expect(poolCell(x, { kind: 'max', pool: [2, 2], stride: [2, 2], padding: 'valid' }, 0, 2, 0)).toBeNull();
  });
});
