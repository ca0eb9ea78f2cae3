import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { clipByGlobalNorm, globalNorm } from './clipGradients';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const read = (t: tf.Tensor): number[] => Array.from(t.dataSync());

describe('clipByGlobalNorm', () => {
  it('measures the norm of all gradients together and scales them down to clipNorm, directions kept', () => {
    tf.tidy(() => {
      const grads = { a: tf.tensor1d([3, 0]), b: tf.tensor2d([[0, 4]]) }; // global norm 5
      expect(read(globalNorm(grads))[0]).toBeCloseTo(5, 6);
      const c = clipByGlobalNorm(grads, 1);
      expect(read(c['a'] as tf.Tensor)).toEqual([expect.closeTo(0.6, 6), 0]);
      expect(read(c['b'] as tf.Tensor)).toEqual([0, expect.closeTo(0.8, 6)]);
      expect(read(globalNorm(c))[0]).toBeCloseTo(1, 6);
    });
  });

  it('leaves gradients within the norm as they are, and is off at 0', () => {
    tf.tidy(() => {
      const grads = { a: tf.tensor1d([0.3, 0.4]) };
      expect(read(clipByGlobalNorm(grads, 1)['a'] as tf.Tensor)).toEqual([
        expect.closeTo(0.3, 6),
        expect.closeTo(0.4, 6),
      ]);
      expect(clipByGlobalNorm(grads, 0)).toBe(grads);
      expect(read(globalNorm({}))[0]).toBe(0);
    });
  });
});
