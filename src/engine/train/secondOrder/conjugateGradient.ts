/**
 * Nonlinear conjugate gradient, Polak–Ribière+ (Nocedal & Wright 5.45): d = −g + β·d_prev with
 * β = max(0, gᵀ(g − g_prev) / g_prevᵀg_prev). It restarts with steepest descent when β falls to 0, when successive
 * gradients are far from orthogonal (Powell: |gᵀg_prev| ≥ 0.2·gᵀg), every `restartEvery` iterations, and whenever the
 * line search fails. On a quadratic with exact line searches it is linear CG: n steps for n unknowns.
 */
import * as tf from '@tensorflow/tfjs';
import type { AcceptedStep, DirectionMethod } from './method';

/** Powell's restart test: gradients this far from orthogonal mean the directions have lost conjugacy. */
const POWELL = 0.2;

export class ConjugateGradient implements DirectionMethod {
  readonly c2 = 0.1;
  private prev: { g: tf.Tensor1D; d: tf.Tensor1D } | null = null;
  /** α·φ'(0) of the last accepted step, for the next first step (Nocedal & Wright 3.60). */
  private lastSlopeStep: number | null = null;
  private sinceRestart = 0;
  /** Whether the last direction was a restart (steepest descent). */
  private restarted = true;

  constructor(private readonly restartEvery: number) {}

  direction(g: tf.Tensor1D): tf.Tensor1D {
    const prev = this.prev;
    this.restarted = prev === null || this.sinceRestart >= this.restartEvery;
    if (prev === null || this.restarted) return tf.neg(g);
    return tf.tidy(() => {
      const gg = tf.dot(g, g);
      const pr = tf.div(tf.dot(g, tf.sub(g, prev.g)), tf.dot(prev.g, prev.g));
      const powell = tf.greaterEqual(tf.abs(tf.dot(g, prev.g)), tf.mul(POWELL, gg));
      const beta = tf.where(powell, tf.scalar(0), tf.relu(pr)); // PR+: a negative β becomes 0
      return tf.add(tf.neg(g), tf.mul(beta, prev.d)) as tf.Tensor1D;
    });
  }

  initialStep(df0: number, gradNorm: number): number {
    const first = Math.min(1, 1 / gradNorm);
    if (this.lastSlopeStep === null) return first;
    const guess = this.lastSlopeStep / df0;
    return Number.isFinite(guess) && guess > 0 ? guess : first;
  }

  /** Remembers the step's starting gradient and the direction it searched (the ones the next β compares with). */
  update(step: AcceptedStep): void {
    if (this.prev) tf.dispose([this.prev.g, this.prev.d]);
    this.prev = { g: tf.keep(step.g.clone()), d: tf.keep(step.d.clone()) };
    this.sinceRestart = this.restarted ? 1 : this.sinceRestart + 1;
    this.lastSlopeStep = step.alpha * step.df0;
  }

  reset(): void {
    if (this.prev) tf.dispose([this.prev.g, this.prev.d]);
    this.prev = null;
    this.lastSlopeStep = null;
    this.sinceRestart = 0;
    this.restarted = true;
  }

  dispose(): void {
    this.reset();
  }
}
