import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { denseUnit, type DenseIO } from './denseUnit';
import { randomArray } from './inspectTestUtils';
import type { FusedActivation } from '../layers/primitives';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const io = (n: number, units: number, activation: FusedActivation): DenseIO => ({
  input: randomArray(n, n),
  weights: randomArray(n * units, units + 3),
  bias: randomArray(units, 11),
  units,
  activation,
});

function tfDense(x: DenseIO): Float32Array {
  return tf.tidy(() => {
    const y = tf.add(
      tf.matMul(tf.tensor2d(x.input, [1, x.input.length]), tf.tensor2d(x.weights, [x.input.length, x.units])),
      tf.tensor1d(x.bias ?? new Float32Array(x.units)),
    );
    const a =
      x.activation === 'linear'
        ? y
        : (tf.layers.activation({ activation: x.activation }).apply(y) as tf.Tensor);
    return a.dataSync() as Float32Array;
  });
}

describe('denseUnit', () => {
  it.each(['relu', 'softmax', 'linear', 'sigmoid'] as const)(
    '%s: the contributions sum to the unit, + bias → activation equals TF.js',
    (act) => {
      const x = io(50, 6, act);
      const ref = tfDense(x);
      for (let u = 0; u < x.units; u++) {
        const d = denseUnit(x, u, 5);
        expect(d?.out).toBeCloseTo(ref[u] as number, 5);
        const topSum = (d?.top ?? []).reduce((a, c) => a + c.product, 0);
        expect(topSum + (d?.rest ?? NaN)).toBeCloseTo(d?.sum ?? NaN, 5);
        expect((d?.sum ?? 0) + (d?.bias ?? 0)).toBeCloseTo(d?.pre ?? NaN, 6);
      }
    },
  );

  it('lists the largest |value × weight| first, each its input times its weight', () => {
    const x = io(40, 3, 'linear');
    const d = denseUnit(x, 1, 6);
    expect(d?.top).toHaveLength(6);
    const sizes = (d?.top ?? []).map((c) => Math.abs(c.product));
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    const all = Array.from(x.input, (v, i) => Math.abs(v * (x.weights[i * 3 + 1] as number)));
    expect(sizes[0]).toBeCloseTo(Math.max(...all), 6);
    for (const c of d?.top ?? []) {
      expect(c.value).toBe(x.input[c.index]);
      expect(c.weight).toBe(x.weights[c.index * 3 + 1]);
    }
    expect(denseUnit(x, 3)).toBeNull();
  });
});
