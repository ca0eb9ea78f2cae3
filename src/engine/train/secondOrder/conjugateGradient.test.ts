import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConjugateGradient } from './conjugateGradient';
import { minimize } from './iterate';
import { quadratic, residual, rosenbrock, spdSystem } from './testProblems';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('conjugate gradient (Polak–Ribière+)', () => {
  // On a quadratic with (near-)exact line searches PR+ is linear CG: at most n iterations for n unknowns. Measured
  // here: n = 5 in 5, n = 8 in 8, n = 10 in 10, n = 20 in 16 (evenly spread eigenvalues let CG finish early).
  it.each([
    { n: 5, expected: 5 },
    { n: 8, expected: 8 },
    { n: 10, expected: 10 },
    { n: 20, expected: 16 },
  ])(
    'solves an SPD system Ax = b of $n unknowns to ‖Ax − b‖ ≤ 1e-5 in $expected iterations',
    async ({ n, expected }) => {
      const { A, b } = spdSystem(n, 3, 10);
      const At = tf.tensor2d(A);
      const bt = tf.tensor1d(b);
      const before = tf.memory().numTensors;
      const method = new ConjugateGradient(n);
      const x0 = tf.zeros([n]) as tf.Tensor1D;
      const r = await minimize(method, quadratic(At, bt), x0, { gradTol: 1e-5, maxIterations: 10 * n });
      expect(residual(A, b, await r.x.data())).toBeLessThanOrEqual(1e-5);
      expect(r.iterations).toBe(expected);
      method.dispose();
      tf.dispose([x0, r.x]);
      expect(tf.memory().numTensors).toBe(before);
      tf.dispose([At, bt]);
    },
  );

  it('β is Polak–Ribière, and Powell restarts it when successive gradients are far from orthogonal', async () => {
    const method = new ConjugateGradient(100);
    const step = (g: number[], d: number[]) => {
      const [gt, dt, gn] = [tf.tensor1d(g), tf.tensor1d(d), tf.tensor1d(g)];
      method.update({ d: dt, alpha: 1, g: gt, gNew: gn, df0: -1, dfNew: 0, wolfe: true });
      tf.dispose([gt, dt, gn]);
    };
    step([1, 0], [-1, 0]);
    // g = (0, 1): gᵀ(g − g_prev) / g_prevᵀg_prev = 1, gᵀg_prev = 0 → d = −g + 1·d_prev.
    const g = tf.tensor1d([0, 1]);
    const d = method.direction(g);
    expect(Array.from(await d.data())).toEqual([-1, -1]);
    tf.dispose([g, d]);
    // g = (1, 0.5) after g_prev = (1, 0): |gᵀg_prev| = 1 ≥ 0.2·gᵀg = 0.25 → restart: d = −g.
    const g2 = tf.tensor1d([1, 0.5]);
    const d2 = method.direction(g2);
    expect(Array.from(await d2.data())).toEqual([-1, -0.5]);
    tf.dispose([g2, d2]);
    method.dispose();
  });

  it('restarts with steepest descent every `restartEvery` iterations', async () => {
    const method = new ConjugateGradient(1);
    const [gt, dt] = [tf.tensor1d([1, 0]), tf.tensor1d([-1, 0])];
    method.update({ d: dt, alpha: 1, g: gt, gNew: gt, df0: -1, dfNew: 0, wolfe: true });
    const g = tf.tensor1d([0, 1]);
    const d = method.direction(g);
    expect(Array.from(await d.data())).toEqual([-0, -1]);
    tf.dispose([gt, dt, g, d]);
    method.dispose();
  });

  it('makes progress on Rosenbrock: ‖∇f‖ ≤ 1e-4 from (−1.2, 1) in 37 iterations (L-BFGS: 1e-6 in 35–37)', async () => {
    const method = new ConjugateGradient(2);
    const x0 = tf.tensor1d([-1.2, 1]);
    const r = await minimize(method, rosenbrock, x0, { gradTol: 1e-4, maxIterations: 200 });
    expect(r.gradNorm).toBeLessThanOrEqual(1e-4);
    expect(r.iterations).toBe(37);
    method.dispose();
    tf.dispose([x0, r.x]);
  });
});
