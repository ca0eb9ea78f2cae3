/** Test objectives for the second-order methods (tests only): Rosenbrock's valley and a random SPD quadratic. */
import * as tf from '@tensorflow/tfjs';
import { mulberry32 } from '../../data/random';
import type { Objective } from './iterate';

/** f(a, b) = 100·(b − a²)² + (1 − a)², minimum 0 at (1, 1); the classic start is (−1.2, 1). */
export const rosenbrock: Objective = (x) => {
  const fg = tf.valueAndGrad((v: tf.Tensor) => {
    const a = v.slice(0, 1);
    const b = v.slice(1, 1);
    return tf.sum(
      tf.add(tf.mul(100, tf.square(tf.sub(b, tf.square(a)))), tf.square(tf.sub(1, a))),
    ) as tf.Scalar;
  });
  const { value, grad } = fg(x);
  return { f: value as tf.Scalar, g: grad as tf.Tensor1D };
};

/**
 * A = Q·diag(λ)·Qᵀ with Q a random orthogonal matrix (Gram–Schmidt) and λ spread evenly over [1, cond]; b uniform in
 * [−1, 1]. Plain numbers, so tests can check the answer in double precision.
 */
export function spdSystem(n: number, seed: number, cond: number): { A: number[][]; b: number[] } {
  const r = mulberry32(seed);
  const q: number[][] = [];
  for (let k = 0; k < n; k++) {
    let w = Array.from({ length: n }, () => r() - 0.5);
    for (const u of q) {
      const d = w.reduce((s, x, i) => s + x * (u[i] as number), 0);
      w = w.map((x, i) => x - d * (u[i] as number));
    }
    const norm = Math.hypot(...w);
    q.push(w.map((x) => x / norm));
  }
  const eig = Array.from({ length: n }, (_, i) => 1 + ((cond - 1) * i) / Math.max(1, n - 1));
  const A = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) =>
      q.reduce((s, u, k) => s + (u[i] as number) * (eig[k] as number) * (u[j] as number), 0),
    ),
  );
  return { A, b: Array.from({ length: n }, () => r() * 2 - 1) };
}

/** f(x) = ½·xᵀAx − bᵀx, whose gradient Ax − b vanishes at the solution of Ax = b. The caller disposes A and b. */
export function quadratic(A: tf.Tensor2D, b: tf.Tensor1D): Objective {
  const n = b.size;
  return (x) =>
    tf.tidy(() => {
      const ax = tf.reshape(tf.matMul(A, tf.reshape(x, [n, 1])), [n]) as tf.Tensor1D;
      return {
        f: tf.sub(tf.mul(0.5, tf.dot(x, ax)), tf.dot(b, x)) as tf.Scalar,
        g: tf.sub(ax, b) as tf.Tensor1D,
      };
    });
}

/** ‖Ax − b‖ in double precision. */
export function residual(A: readonly number[][], b: readonly number[], x: ArrayLike<number>): number {
  let s = 0;
  A.forEach((row, i) => {
    const ri = row.reduce((acc, a, j) => acc + a * (x[j] as number), 0) - (b[i] as number);
    s += ri * ri;
  });
  return Math.sqrt(s);
}
