/**
 * Limited-memory BFGS (Nocedal & Wright, algorithm 7.4): the m most recent steps s = x_new − x and gradient changes
 * y = g_new − g stand for the inverse Hessian, and the two-loop recursion applies it to the gradient without ever
 * forming an n×n matrix. All vector work is TF.js ops on the flat parameter vector; nothing is read back.
 */
import * as tf from '@tensorflow/tfjs';
import type { AcceptedStep, DirectionMethod } from './method';

interface Pair {
  readonly s: tf.Tensor1D;
  readonly y: tf.Tensor1D;
  /** 1 / sᵀy (sᵀy is known from the line search's two slopes: sᵀy = α·(φ'(α) − φ'(0))). */
  readonly rho: number;
}

export class Lbfgs implements DirectionMethod {
  readonly c2 = 0.9;
  private pairs: Pair[] = [];
  /** γ = sᵀy / yᵀy of the newest pair: the scale of the initial inverse Hessian H0 = γI. */
  private gamma: tf.Scalar | null = null;

  constructor(private readonly m: number) {
    if (!(Number.isInteger(m) && m >= 1))
      throw new Error(`Lbfgs: history size must be a whole number ≥ 1 (${m})`);
  }

  /** Curvature pairs held (at most m). */
  get memory(): number {
    return this.pairs.length;
  }

  direction(g: tf.Tensor1D): tf.Tensor1D {
    const pairs = this.pairs;
    const gamma = this.gamma;
    if (pairs.length === 0 || gamma === null) return tf.neg(g);
    return tf.tidy(() => {
      let q: tf.Tensor1D = g;
      const a: tf.Scalar[] = [];
      for (let i = pairs.length - 1; i >= 0; i--) {
        const p = pairs[i] as Pair;
        const ai = tf.mul(p.rho, tf.dot(p.s, q)) as tf.Scalar;
        a[i] = ai;
        q = tf.sub(q, tf.mul(ai, p.y));
      }
      let r: tf.Tensor1D = tf.mul(gamma, q);
      for (let i = 0; i < pairs.length; i++) {
        const p = pairs[i] as Pair;
        const b = tf.mul(p.rho, tf.dot(p.y, r));
        r = tf.add(r, tf.mul(p.s, tf.sub(a[i] as tf.Scalar, b)));
      }
      return tf.neg(r);
    });
  }

  /** With curvature in memory the quasi-Newton step α = 1 is the natural first try; without, a step of length 1. */
  initialStep(_df0: number, gradNorm: number): number {
    return this.pairs.length > 0 ? 1 : Math.min(1, 1 / gradNorm);
  }

  update(step: AcceptedStep): void {
    const sy = step.alpha * (step.dfNew - step.df0);
    // The strong Wolfe conditions guarantee sᵀy > 0 (the update stays positive definite); a step that only lowered
    // the loss may not, and is left out of the memory.
    if (!step.wolfe || !(sy > 0) || !Number.isFinite(sy)) return;
    const { s, y, gamma } = tf.tidy(() => {
      const s = tf.mul(step.d, step.alpha) as tf.Tensor1D;
      const y = tf.sub(step.gNew, step.g) as tf.Tensor1D;
      return { s, y, gamma: tf.div(sy, tf.dot(y, y)) as tf.Scalar };
    });
    this.pairs.push({ s, y, rho: 1 / sy });
    this.gamma?.dispose();
    this.gamma = gamma;
    while (this.pairs.length > this.m) {
      const old = this.pairs.shift() as Pair;
      tf.dispose([old.s, old.y]);
    }
  }

  reset(): void {
    for (const p of this.pairs) tf.dispose([p.s, p.y]);
    this.pairs = [];
    this.gamma?.dispose();
    this.gamma = null;
  }

  dispose(): void {
    this.reset();
  }
}
