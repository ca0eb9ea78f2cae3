import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fusedBatchNormGradConfig, registerBatchNormGradient } from './batchNormGrad';

const original = tf.getGradient(tf.FusedBatchNorm);

beforeAll(async () => {
  await tf.setBackend('cpu');
  registerBatchNormGradient();
});
afterAll(() => {
  tf.registerGradient(original);
});

const EPS = 1e-3;

/** Batch norm in training as tfjs-layers does it: moments over every axis but the last, then tf.batchNorm. */
function viaKernel(x: tf.Tensor, gamma: tf.Tensor1D, beta: tf.Tensor1D): tf.Tensor {
  const axes = x.shape.slice(0, -1).map((_, i) => i);
  const { mean, variance } = tf.moments(x, axes);
  return tf.batchNorm(x, mean, variance, beta, gamma, EPS);
}

/** The same function from elementary ops only (its gradient comes from their gradients): the reference. */
function viaOps(x: tf.Tensor, gamma: tf.Tensor1D, beta: tf.Tensor1D): tf.Tensor {
  const axes = x.shape.slice(0, -1).map((_, i) => i);
  const mean = tf.mean(x, axes);
  const variance = tf.mean(tf.square(tf.sub(x, mean)), axes);
  return tf.add(tf.mul(tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, EPS))), gamma), beta);
}

function grads(
  f: typeof viaKernel,
  x: tf.Tensor,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
  w: tf.Tensor,
): Float32Array[] {
  const g = tf.grads((a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) =>
    tf.sum(tf.mul(f(a, b as tf.Tensor1D, c as tf.Tensor1D), w)),
  )([x, gamma, beta]);
  return g.map((t) => t.dataSync() as Float32Array);
}

describe('the batch-norm gradient without tile', () => {
  it.each([
    ['4-D (after a convolution)', [4, 5, 5, 3]],
    ['2-D (after a dense layer)', [6, 4]],
  ] as const)('equals the gradient of the same function from elementary ops: %s', (_name, shape) => {
    const c = shape[shape.length - 1] as number;
    const x = tf.randomNormal([...shape], 0.5, 2, 'float32', 1);
    const w = tf.randomNormal([...shape], 0, 1, 'float32', 2);
    const gamma = tf.randomUniform([c], 0.5, 1.5, 'float32', 3) as tf.Tensor1D;
    const beta = tf.randomNormal([c], 0, 1, 'float32', 4) as tf.Tensor1D;
    const ours = grads(viaKernel, x, gamma, beta, w);
    const ref = grads(viaOps, x, gamma, beta, w);
    expect(ours).toHaveLength(3);
    for (const [i, g] of ours.entries()) {
      const r = ref[i] as Float32Array;
      expect(g.length).toBe(r.length);
      const worst = Math.max(...Array.from(g, (v, j) => Math.abs(v - (r[j] as number))));
      expect(worst, `gradient ${i}`).toBeLessThan(1e-4);
    }
    // Not all zeros: the weighted sum gives every input a gradient.
    expect(Math.max(...Array.from(ours[0] as Float32Array, Math.abs))).toBeGreaterThan(1e-3);
  });

  it('runs no Tile kernel (TF.js 4.x tiles 1/√(σ² + ε) to the activation shape), and is registered', async () => {
    expect(tf.getGradient(tf.FusedBatchNorm)).toBe(fusedBatchNormGradConfig);
    const x = tf.randomNormal([2, 4, 4, 3], 0, 1, 'float32', 5);
    const gamma = tf.ones([3]) as tf.Tensor1D;
    const beta = tf.zeros([3]) as tf.Tensor1D;
    const info = await tf.profile(() => {
      const g = tf.grad((a: tf.Tensor) => tf.sum(tf.square(viaKernel(a, gamma, beta))))(x);
      g.dataSync();
    });
    const names = info.kernels.map((k) => k.name);
    expect(names).toContain('FusedBatchNorm');
    expect(names).not.toContain('Tile');
  });
});
