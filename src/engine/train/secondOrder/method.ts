/** What L-BFGS and conjugate gradient have in common: a search direction from the gradient and what they remember. */
import type * as tf from '@tensorflow/tfjs';

/** One accepted line-search step, for the method to learn from (tensors stay the caller's). */
export interface AcceptedStep {
  /** The direction searched and the step taken along it: x_new = x + alpha·d. */
  readonly d: tf.Tensor1D;
  readonly alpha: number;
  /** The gradient where the step started and where it ended, on the same objective (the same batch). */
  readonly g: tf.Tensor1D;
  readonly gNew: tf.Tensor1D;
  /** φ'(0) = gᵀd and φ'(alpha) = g_newᵀd, read back by the line search. */
  readonly df0: number;
  readonly dfNew: number;
  /** Whether the step satisfied the strong Wolfe conditions (then sᵀy > 0 is guaranteed). */
  readonly wolfe: boolean;
}

export interface DirectionMethod {
  /** The line search's curvature constant c2: loose (0.9) for L-BFGS, tight (0.1) for CG. */
  readonly c2: number;
  /** A descent direction at a point with gradient g, as a new tensor (the caller disposes it). */
  direction(g: tf.Tensor1D): tf.Tensor1D;
  /** The first step length the line search tries, from this iteration's φ'(0) and gradient norm. */
  initialStep(df0: number, gradNorm: number): number;
  /** Learns from an accepted step (L-BFGS: a curvature pair; CG: the previous gradient and direction). */
  update(step: AcceptedStep): void;
  /** Forgets everything learned: the next direction is steepest descent. */
  reset(): void;
  /** Frees every tensor the method holds. */
  dispose(): void;
}
