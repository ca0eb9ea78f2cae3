/**
 * A training step of L-BFGS or conjugate gradient for the supervised trainer: the step's batch is fixed (the same
 * examples through the whole line search, so its loss is one function the search can reason about), the trainable
 * variables are one flat vector, and loss and gradient are accumulated over chunks of the batch so a large batch
 * (up to the whole training set) never needs more memory than one chunk.
 */
import * as tf from '@tensorflow/tfjs';
import type { Hyper } from '../hyper';
import { secondOrderRefusal, SecondOrderRefusedError } from '../secondOrderBudget';
import { ConjugateGradient } from './conjugateGradient';
import { assignFlat, flatSize, flattenGrads, flattenVariables } from './flatVector';
import { iterate, type Evaluation, type IterationOutcome } from './iterate';
import { Lbfgs } from './lbfgs';
import type { DirectionMethod } from './method';

/** Examples per forward/backward pass inside a step. */
export const CHUNK = 256;
/** A step's inputs are built once and kept while they hold at most this many floats (32 MB); else per evaluation. */
const KEEP_FLOATS = 8 * 2 ** 20;
/** Evaluations one line search may spend (a step that finds nothing better leaves the weights as they were). */
const MAX_EVALUATIONS = 10;

/** The examples of one step, chunk by chunk. `tensors(k)` builds chunk k's input and target (the caller frees them). */
export interface StepBatch {
  readonly count: number;
  readonly chunks: number;
  /** Examples in chunk k. */
  size(k: number): number;
  tensors(k: number): { readonly x: tf.Tensor; readonly y: tf.Tensor };
  /** Floats in one example's input and target together, to decide whether to keep the chunks. */
  readonly floatsPerExample: number;
}

export interface SecondOrderStepInput {
  readonly vars: readonly tf.Variable[];
  readonly batch: StepBatch;
  /** Mean loss of a chunk, and (for a classifier) its correct count: called inside tf.tidy and tf.variableGrads. */
  readonly loss: (x: tf.Tensor, y: tf.Tensor, correct: (c: tf.Scalar) => void) => tf.Scalar;
  /** Called before every pass (the trainer reseeds dropout so each pass of the step sees the same masks). */
  readonly beforePass: () => void;
}

export interface SecondOrderStepResult {
  /** The loss on the batch where the step started, its correct count (null for an autoencoder) and ‖∇f‖ there. */
  readonly loss: tf.Scalar;
  readonly correct: tf.Scalar | null;
  readonly norm: tf.Scalar;
  readonly outcome: IterationOutcome;
}

/** The optimizer's memory between steps: rebuilt when the method, its history size or the variables change. */
export class SecondOrderStepper {
  private method: DirectionMethod | null = null;
  private key = '';

  /** Forgets the curvature memory (the optimizer changed, layers were frozen, weights restored). */
  reset(): void {
    this.method?.dispose();
    this.method = null;
    this.key = '';
  }

  dispose(): void {
    this.reset();
  }

  async step(hyper: Hyper, input: SecondOrderStepInput): Promise<SecondOrderStepResult> {
    const { vars, batch } = input;
    const n = flatSize(vars);
    const refusal = secondOrderRefusal(hyper.optimizer, n);
    if (refusal) throw new SecondOrderRefusedError(refusal, n);
    const method = this.methodFor(hyper, n);
    const kept = batch.count * batch.floatsPerExample <= KEEP_FLOATS ? new Map<number, Chunk>() : null;
    let correct: tf.Scalar | null = null;
    let counting = true;
    const objective = (x: tf.Tensor1D): Evaluation => {
      assignFlat(vars, x);
      const countThis = counting;
      counting = false;
      return evaluate(input, kept, n, countThis ? (c) => (correct = c) : null);
    };
    const x0 = flattenVariables(vars);
    let ok = false;
    try {
      const r = await iterate(method, objective, x0, null, { maxEvaluations: MAX_EVALUATIONS });
      ok = true;
      assignFlat(vars, r.x); // the line search may have evaluated elsewhere last
      r.x.dispose();
      tf.dispose([r.at.f, r.at.g]);
      return {
        loss: tf.scalar(r.outcome.f0),
        correct,
        norm: tf.scalar(r.outcome.gradNorm),
        outcome: r.outcome,
      };
    } finally {
      x0.dispose();
      if (kept) for (const c of kept.values()) tf.dispose([c.x, c.y]);
      if (!ok) (correct as tf.Scalar | null)?.dispose(); // a backend failure mid-step
    }
  }

  private methodFor(hyper: Hyper, n: number): DirectionMethod {
    const key = `${hyper.optimizer}/${hyper.optimizer === 'lbfgs' ? hyper.historySize : ''}/${n}`;
    if (this.method && key === this.key) return this.method;
    this.method?.dispose();
    // CG restarts at least every n steps, the dimension (Nocedal & Wright); Powell's test usually restarts it sooner.
    this.method =
      hyper.optimizer === 'lbfgs' ? new Lbfgs(hyper.historySize) : new ConjugateGradient(Math.max(1, n));
    this.key = key;
    return this.method;
  }
}

type Chunk = { readonly x: tf.Tensor; readonly y: tf.Tensor };

/**
 * Loss and gradient at the variables' current values: the mean over the batch, chunk by chunk (each weighted by its
 * share of the examples). `onCorrect` gets the batch's correct count when asked (the step's first pass).
 */
function evaluate(
  input: SecondOrderStepInput,
  kept: Map<number, Chunk> | null,
  n: number,
  onCorrect: ((c: tf.Scalar) => void) | null,
): Evaluation {
  const { vars, batch } = input;
  let f = tf.scalar(0);
  let g = tf.zeros([n]) as tf.Tensor1D;
  let correct: tf.Scalar | null = onCorrect ? tf.scalar(0) : null;
  for (let k = 0; k < batch.chunks; k++) {
    let chunk = kept?.get(k);
    if (chunk === undefined) {
      chunk = batch.tensors(k);
      if (kept) kept.set(k, chunk);
    }
    const { x, y } = chunk;
    const w = batch.size(k) / batch.count;
    input.beforePass();
    let c: tf.Scalar | null = null;
    const part = tf.tidy(() => {
      const run = (): tf.Scalar =>
        input.loss(x, y, (got) => {
          if (correct) c = tf.keep(got);
        });
      // Every layer frozen: the loss alone (a zero-length gradient; the step then stays where it is).
      const { value, grads } =
        vars.length > 0 ? tf.variableGrads(run, vars as tf.Variable[]) : { value: run(), grads: {} };
      return {
        f: tf.add(f, tf.mul(value, w)) as tf.Scalar,
        g: tf.add(g, tf.mul(flattenGrads(vars, grads), w)) as tf.Tensor1D,
      };
    });
    tf.dispose([f, g]);
    f = part.f;
    g = part.g;
    if (correct && c) {
      const sum = tf.add(correct, c) as tf.Scalar;
      tf.dispose([correct, c]);
      correct = sum;
    }
    if (!kept) tf.dispose([x, y]);
  }
  if (onCorrect && correct) onCorrect(correct);
  return { f, g };
}
