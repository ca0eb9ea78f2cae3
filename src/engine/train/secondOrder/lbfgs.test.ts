import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Lbfgs } from './lbfgs';
import { minimize } from './iterate';
import { quadratic, residual, rosenbrock, spdSystem } from './testProblems';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('L-BFGS', () => {
  // Textbook figures for Rosenbrock from (−1.2, 1): BFGS with a Wolfe line search about 34 iterations (Nocedal & Wright
  // §6.4); L-BFGS codes report 33–45. Measured here (float32, tfjs cpu): m = 3: 35 iterations, 44 evaluations;
  // m = 5: 37 / 45; m = 10: 37 / 47.
  it.each([
    { m: 3, expected: 35 },
    { m: 5, expected: 37 },
    { m: 10, expected: 37 },
  ])(
    'minimises the Rosenbrock function from (−1.2, 1) to 1e-6 (m = $m: $expected iterations)',
    async ({ m, expected }) => {
      const before = tf.memory().numTensors;
      const method = new Lbfgs(m);
      const x0 = tf.tensor1d([-1.2, 1]);
      const r = await minimize(method, rosenbrock, x0, { gradTol: 1e-6, maxIterations: 200 });
      const [a, b] = await r.x.data();
      expect(Math.abs((a as number) - 1)).toBeLessThanOrEqual(1e-6);
      expect(Math.abs((b as number) - 1)).toBeLessThanOrEqual(1e-6);
      expect(r.f).toBeLessThanOrEqual(1e-6);
      expect(r.gradNorm).toBeLessThanOrEqual(1e-6);
      expect(r.iterations).toBe(expected);
      expect(r.evaluations).toBeLessThanOrEqual(50);
      expect(method.memory).toBe(m);
      method.dispose();
      tf.dispose([x0, r.x]);
      expect(tf.memory().numTensors).toBe(before);
    },
  );

  it('minimises a 10-dimensional quadratic (condition number 10) to 1e-6 in 14 iterations', async () => {
    const n = 10;
    const { A, b } = spdSystem(n, 3, 10);
    const At = tf.tensor2d(A);
    const bt = tf.tensor1d(b);
    const before = tf.memory().numTensors;
    const method = new Lbfgs(10);
    const x0 = tf.zeros([n]) as tf.Tensor1D;
    const r = await minimize(method, quadratic(At, bt), x0, { gradTol: 1e-6, maxIterations: 100 });
    // Exact line searches would give n = 10 (L-BFGS is then CG on a quadratic); α = 1 is usually accepted instead.
    expect(r.iterations).toBe(14);
    expect(residual(A, b, await r.x.data())).toBeLessThanOrEqual(1e-5);
    method.dispose();
    tf.dispose([x0, r.x]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([At, bt]);
  });

  it('the two-loop recursion applies the BFGS inverse Hessian built from the same pairs (dense, float64)', async () => {
    // Three steps on a 4-dimensional quadratic give three pairs; the direction must be −H·g with H from the BFGS
    // update H ← (I − ρsyᵀ)H(I − ρysᵀ) + ρssᵀ started at H0 = γI, γ = sᵀy/yᵀy of the newest pair.
    const n = 4;
    const { A, b } = spdSystem(n, 11, 5);
    const At = tf.tensor2d(A);
    const bt = tf.tensor1d(b);
    const method = new Lbfgs(5);
    const grad = (x: number[]): number[] =>
      A.map((row, i) => row.reduce((s, a, j) => s + a * (x[j] as number), 0) - (b[i] as number));
    const steps = [
      [0.3, -0.2, 0.1, 0.5],
      [-0.1, 0.4, 0.2, -0.3],
      [0.2, 0.1, -0.4, 0.1],
    ];
    let x = [0, 0, 0, 0];
    const pairs: { s: number[]; y: number[] }[] = [];
    for (const s of steps) {
      const xNew = x.map((v, i) => v + (s[i] as number));
      const y = grad(xNew).map((v, i) => v - (grad(x)[i] as number));
      const sy = s.reduce((acc, v, i) => acc + v * (y[i] as number), 0);
      const d = tf.tensor1d(s);
      const g = tf.tensor1d(grad(x));
      const gNew = tf.tensor1d(grad(xNew));
      // As the line search reports it: alpha = 1 along d = s, slopes with dfNew − df0 = sᵀy.
      method.update({ d, alpha: 1, g, gNew, df0: -1, dfNew: sy - 1, wolfe: true });
      tf.dispose([d, g, gNew]);
      pairs.push({ s, y });
      x = xNew;
    }
    const last = pairs[pairs.length - 1] as { s: number[]; y: number[] };
    const dot = (u: number[], v: number[]) => u.reduce((acc, ui, i) => acc + ui * (v[i] as number), 0);
    let H = Array.from({ length: n }, (_, i) =>
      Array.from({ length: n }, (_, j) => (i === j ? dot(last.s, last.y) / dot(last.y, last.y) : 0)),
    );
    for (const { s, y } of pairs) {
      const rho = 1 / dot(s, y);
      const V = Array.from({ length: n }, (_, i) =>
        Array.from({ length: n }, (_, j) => (i === j ? 1 : 0) - rho * (y[i] as number) * (s[j] as number)),
      );
      const mul = (P: number[][], Q: number[][]) =>
        P.map((row) => Q[0]!.map((_, j) => row.reduce((acc, p, k) => acc + p * (Q[k]![j] as number), 0)));
      const Vt = V[0]!.map((_, i) => V.map((row) => row[i] as number));
      H = mul(mul(Vt, H), V).map((row, i) =>
        row.map((h, j) => h + rho * (s[i] as number) * (s[j] as number)),
      );
    }
    const g = grad(x);
    const expected = H.map((row) => -dot(row, g));
    const gt = tf.tensor1d(g);
    const d = method.direction(gt);
    const got = Array.from(await d.data());
    got.forEach((v, i) => expect(v).toBeCloseTo(expected[i] as number, 4));
    tf.dispose([gt, d, At, bt]);
    method.dispose();
  });

  it('keeps at most m pairs, skips a step without positive curvature, and frees everything on reset', () => {
    const before = tf.memory().numTensors;
    const method = new Lbfgs(2);
    const v = (xs: number[]) => tf.tensor1d(xs);
    for (let k = 1; k <= 4; k++) {
      const [d, g, gNew] = [v([1, 0]), v([0, 0]), v([k, 0])];
      method.update({ d, alpha: 1, g, gNew, df0: -1, dfNew: k - 1, wolfe: true });
      tf.dispose([d, g, gNew]);
    }
    expect(method.memory).toBe(2);
    const [d, g, gNew] = [v([1, 0]), v([0, 0]), v([-1, 0])];
    method.update({ d, alpha: 1, g, gNew, df0: -1, dfNew: -2, wolfe: true }); // sᵀy = −1
    expect(method.memory).toBe(2);
    tf.dispose([d, g, gNew]);
    method.reset();
    expect(method.memory).toBe(0);
    const g1 = v([3, -4]);
    const first = method.direction(g1);
    expect(Array.from(first.dataSync())).toEqual([-3, 4]); // no memory: steepest descent
    tf.dispose([g1, first]);
    method.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
