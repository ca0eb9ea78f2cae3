import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { convAxes, convCell, type ConvIO } from './convCell';
import { randomArray } from './inspectTestUtils';
import type { ConvPadding, FusedActivation, Pair } from '../layers/primitives';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function io(
  h: number,
  w: number,
  c: number,
  filters: number,
  kernel: Pair,
  stride: Pair,
  padding: ConvPadding,
  activation: FusedActivation,
  dilation: Pair = [1, 1],
): ConvIO {
  return {
    input: { h, w, c, values: randomArray(h * w * c, h * 31 + w) },
    weights: randomArray(kernel[0] * kernel[1] * c * filters, 7 + filters),
    bias: randomArray(filters, 99),
    filters,
    kernel,
    stride,
    dilation,
    padding,
    activation,
  };
}

/** TF.js's own conv2d + bias + activation on the same numbers, channel-last [oh, ow, filters]. */
function tfConv(x: ConvIO): { values: Float32Array; oh: number; ow: number } {
  return tf.tidy(() => {
    let input = tf.tensor4d(x.input.values, [1, x.input.h, x.input.w, x.input.c]);
    let pad: 'valid' | 'same' = 'valid';
    if (typeof x.padding === 'object') {
      const p = x.padding.explicit;
      input = tf.pad(input, [
        [0, 0],
        [p, p],
        [p, p],
        [0, 0],
      ]);
    } else pad = x.padding;
    const k = tf.tensor4d(x.weights, [x.kernel[0], x.kernel[1], x.input.c, x.filters]);
    const y = tf.add(
      tf.conv2d(input, k, [...x.stride], pad, 'NHWC', [...x.dilation]),
      tf.tensor1d(x.bias ?? new Float32Array(x.filters)),
    );
    const act = x.activation === 'linear' ? y : tf.layers.activation({ activation: x.activation }).apply(y);
    const out = act as tf.Tensor4D;
    return { values: out.dataSync() as Float32Array, oh: out.shape[1], ow: out.shape[2] };
  });
}

const CASES: [string, ConvIO][] = [
  ['valid, stride 1', io(7, 6, 3, 4, [3, 3], [1, 1], 'valid', 'relu')],
  ['valid, stride 2', io(7, 8, 2, 3, [3, 3], [2, 2], 'valid', 'tanh')],
  ['same, stride 1', io(6, 7, 3, 4, [3, 3], [1, 1], 'same', 'linear')],
  [
    'same, stride 2 (even size: the extra pad row goes after)',
    io(6, 8, 2, 3, [3, 3], [2, 2], 'same', 'relu'),
  ],
  ['same, stride 2, 2×2 kernel', io(7, 6, 2, 2, [2, 2], [2, 2], 'same', 'sigmoid')],
  ['same, 4×4 kernel, stride 1', io(6, 6, 1, 2, [4, 4], [1, 1], 'same', 'elu')],
  ['explicit padding 2, stride 2', io(5, 6, 2, 3, [3, 3], [2, 2], { explicit: 2 }, 'relu')],
  ['same, dilation 2', io(7, 7, 2, 2, [3, 3], [1, 1], 'same', 'linear', [2, 2])],
  ['softmax over the filters', io(5, 5, 2, 4, [3, 3], [1, 1], 'same', 'softmax')],
];

describe('convCell', () => {
  it.each(CASES)('%s: every cell equals TF.js conv2d + bias → activation', (_name, x) => {
    const before = tf.memory().numTensors;
    const ref = tfConv(x);
    expect(tf.memory().numTensors).toBe(before);
    const [ay, ax] = convAxes(x);
    expect([ay.outSize, ax.outSize]).toEqual([ref.oh, ref.ow]);
    for (let oy = 0; oy < ref.oh; oy++)
      for (let ox = 0; ox < ref.ow; ox++)
        for (let f = 0; f < x.filters; f++) {
          const cell = convCell(x, f, oy, ox);
          expect(cell).not.toBeNull();
          expect(cell?.out).toBeCloseTo(ref.values[(oy * ref.ow + ox) * x.filters + f] as number, 4);
          const sum = Array.from(cell?.products ?? []).reduce((a, b) => a + b, 0);
          expect(cell?.sum).toBeCloseTo(sum, 5);
          expect(cell?.pre).toBeCloseTo((cell?.sum ?? 0) + (x.bias?.[f] ?? 0), 6);
        }
  });

  it('marks padded taps: same, stride 2 on an even size pads after only (TF.js rounds the leading half down)', () => {
    const x = io(6, 6, 1, 1, [3, 3], [2, 2], 'same', 'linear');
    const [ay] = convAxes(x);
    expect(ay).toEqual({ outSize: 3, padBefore: 0, padAfter: 1 });
    const first = convCell(x, 0, 0, 0);
    expect(Array.from(first?.rows ?? [])).toEqual([0, 1, 2]);
    expect(Array.from(first?.padded ?? [])).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0]);
    const last = convCell(x, 0, 2, 2);
    expect(Array.from(last?.rows ?? [])).toEqual([4, 5, 6]);
    expect(Array.from(last?.padded ?? [])).toEqual([0, 0, 1, 0, 0, 1, 1, 1, 1]);
    expect(last?.window[8]).toBe(0);
    // Stride 1: one zero row before and one after.
    const s1 = convCell(io(6, 6, 1, 1, [3, 3], [1, 1], 'same', 'linear'), 0, 0, 0);
    expect(Array.from(s1?.rows ?? [])).toEqual([-1, 0, 1]);
    expect(Array.from(s1?.padded ?? [])).toEqual([1, 1, 1, 1, 0, 0, 1, 0, 0]);
  });

  it('returns null outside the output', () => {
    const x = io(5, 5, 1, 2, [3, 3], [1, 1], 'valid', 'linear');
    expect(convCell(x, 0, 3, 0)).toBeNull();
    expect(convCell(x, 2, 0, 0)).toBeNull();
    expect(convCell(x, 0, 0, -1)).toBeNull();
  });
});
