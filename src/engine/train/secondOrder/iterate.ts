/**
 * One iteration of a line-search method on a flat parameter vector: the method's direction, a strong Wolfe line
 * search along it, the move, and what the method learns from it. The objective evaluates loss and gradient with TF.js
 * ops; each evaluation is read back once (the loss and the slope along the direction), so the line search can decide.
 */
import * as tf from '@tensorflow/tfjs';
import { strongWolfe, type LineSample } from './lineSearch';
import type { DirectionMethod } from './method';

/** The objective at one point: its value and gradient, both the caller's to dispose. */
export interface Evaluation {
  readonly f: tf.Scalar;
  readonly g: tf.Tensor1D;
}

/** f(x) and ∇f(x) as tensors. It must not keep `x`, and gives the same answer for the same x (a fixed batch). */
export type Objective = (x: tf.Tensor1D) => Evaluation;

export interface IterationOutcome {
  /** f and ‖∇f‖ where the iteration started. */
  readonly f0: number;
  readonly gradNorm: number;
  /** f where it ended (f0 when it did not move). */
  readonly f: number;
  readonly alpha: number;
  /** Evaluations of the objective in the line search (the starting one not counted). */
  readonly evaluations: number;
  /**
   * 'wolfe' / 'approxWolfe' / 'decrease': moved (see strongWolfe). 'failed': no step lowered f; the method's memory was cleared.
   * 'converged': the gradient norm was within the tolerance, so it did not search. 'nonFinite': f or ∇f at the start
   * is NaN or infinite.
   */
  readonly status: 'wolfe' | 'approxWolfe' | 'decrease' | 'failed' | 'converged' | 'nonFinite';
}

export interface IterationOptions {
  /** Stop without searching when ‖∇f‖ is at most this. */
  readonly gradTol?: number;
  readonly maxEvaluations?: number;
}

interface Sample extends LineSample {
  readonly at: Evaluation;
}

const disposeEvaluation = (e: Evaluation): void => tf.dispose([e.f, e.g]);

/**
 * One iteration from x. `start` is the evaluation at x when the caller has it (the previous iteration's end on the
 * same objective), else it is computed; either way this function owns it. Returns the new point (a new tensor; x stays
 * the caller's) and the evaluation there, for the caller to pass on or dispose.
 */
export async function iterate(
  method: DirectionMethod,
  objective: Objective,
  x: tf.Tensor1D,
  start: Evaluation | null,
  opts: IterationOptions = {},
): Promise<{ x: tf.Tensor1D; at: Evaluation; outcome: IterationOutcome }> {
  const ev0 = start ?? objective(x);
  let d = method.direction(ev0.g);
  const head = tf.tidy(() => tf.stack([ev0.f, tf.dot(ev0.g, d), tf.norm(ev0.g)]));
  const [f0 = NaN, slope = NaN, gradNorm = NaN] = await head.data();
  head.dispose();
  const stay = (status: IterationOutcome['status'], evaluations = 0) => ({
    x: x.clone(),
    at: ev0,
    outcome: { f0, gradNorm, f: f0, alpha: 0, evaluations, status },
  });
  if (!Number.isFinite(f0) || !Number.isFinite(gradNorm)) {
    d.dispose();
    return stay('nonFinite');
  }
  if (gradNorm <= (opts.gradTol ?? 0)) {
    d.dispose();
    return stay('converged');
  }
  let df0 = slope;
  if (!(df0 < 0)) {
    // Not a descent direction (curvature information gone stale): start over from steepest descent.
    method.reset();
    d.dispose();
    d = tf.neg(ev0.g);
    df0 = -gradNorm * gradNorm;
  }
  const dir = d;
  const phi = async (alpha: number): Promise<Sample> => {
    const xa = tf.tidy(() => tf.add(x, tf.mul(dir, alpha)) as tf.Tensor1D);
    const at = objective(xa);
    xa.dispose();
    const both = tf.tidy(() => tf.stack([at.f, tf.dot(at.g, dir)]));
    const [f = NaN, df = NaN] = await both.data();
    both.dispose();
    return { alpha, f, df, at };
  };
  const search = await strongWolfe(
    phi,
    f0,
    df0,
    method.initialStep(df0, gradNorm),
    { c2: method.c2, ...(opts.maxEvaluations !== undefined ? { maxEvaluations: opts.maxEvaluations } : {}) },
    (s) => disposeEvaluation(s.at),
  );
  const chosen = search.sample;
  if (chosen === null || search.status === 'failed') {
    method.reset();
    dir.dispose();
    return stay('failed', search.evaluations);
  }
  method.update({
    d: dir,
    alpha: chosen.alpha,
    g: ev0.g,
    gNew: chosen.at.g,
    df0,
    dfNew: chosen.df,
    wolfe: search.status === 'wolfe' || search.status === 'approxWolfe',
  });
  const next = tf.tidy(() => tf.add(x, tf.mul(dir, chosen.alpha)) as tf.Tensor1D);
  dir.dispose();
  disposeEvaluation(ev0);
  return {
    x: next,
    at: chosen.at,
    outcome: {
      f0,
      gradNorm,
      f: chosen.f,
      alpha: chosen.alpha,
      evaluations: search.evaluations,
      status: search.status,
    },
  };
}

/** Iterates from x0 until ‖∇f‖ ≤ gradTol or maxIterations (tests and small problems). The caller keeps x0. */
export async function minimize(
  method: DirectionMethod,
  objective: Objective,
  x0: tf.Tensor1D,
  opts: { readonly gradTol: number; readonly maxIterations: number },
): Promise<{ x: tf.Tensor1D; iterations: number; evaluations: number; f: number; gradNorm: number }> {
  let x = x0.clone();
  let at: Evaluation | null = null;
  let evaluations = 1;
  let iterations = 0;
  for (;;) {
    const r = await iterate(method, objective, x, at, { gradTol: opts.gradTol });
    x.dispose();
    x = r.x;
    at = r.at;
    evaluations += r.outcome.evaluations;
    if (r.outcome.status === 'converged' || r.outcome.status === 'nonFinite') break;
    iterations++;
    if (iterations >= opts.maxIterations) break;
  }
  const tail = tf.tidy(() => tf.stack([(at as Evaluation).f, tf.norm((at as Evaluation).g)]));
  const [f = NaN, gradNorm = NaN] = await tail.data();
  tail.dispose();
  disposeEvaluation(at as Evaluation);
  return { x, iterations, evaluations, f, gradNorm };
}
