/** Optimizers by id, and changing their learning rate in place (decay, setHyper) without losing their state. */
import * as tf from '@tensorflow/tfjs';
import { assertNever } from '../assertNever';
import { FusedAdadeltaOptimizer } from './fusedAdadelta';
import type { Hyper, OptimizerId } from './hyper';

export function makeOptimizer(
  h: Pick<Hyper, 'optimizer' | 'learningRate' | 'momentum'>,
  lr: number,
): tf.Optimizer {
  const kind: OptimizerId = h.optimizer;
  switch (kind) {
    case 'sgd':
      return tf.train.sgd(lr);
    case 'momentum':
      return tf.train.momentum(lr, h.momentum);
    case 'adam':
      return tf.train.adam(lr);
    case 'adadelta':
      return new FusedAdadeltaOptimizer(lr, 0.95); // tf.train.adadelta's ρ; ε from the backend, as there
    case 'rmsprop':
      return tf.train.rmsprop(lr);
    case 'lbfgs':
    case 'cg':
      // Line-search methods need many loss evaluations per step: the trainer runs them itself (secondOrder/).
      throw new Error(`makeOptimizer: ${kind} is not a tf.train optimizer`);
    default:
      return assertNever(kind);
  }
}

/**
 * Sets the rate used by the next step. SGD and momentum cache -lr as a scalar (setLearningRate refreshes it);
 * Adam, Adadelta and RMSprop read their (TS-protected) `learningRate` field on every step.
 */
export function setLearningRate(opt: tf.Optimizer, lr: number): void {
  // Not `instanceof`: tf.Optimizer's Symbol.hasInstance answers true for every optimizer.
  if (opt.getClassName() === 'SGD' || opt.getClassName() === 'Momentum') {
    (opt as tf.SGDOptimizer).setLearningRate(lr); // MomentumOptimizer extends SGDOptimizer
    return;
  }
  (opt as unknown as { learningRate: number }).learningRate = lr;
}

export function getLearningRate(opt: tf.Optimizer): number {
  return (opt as unknown as { learningRate: number }).learningRate;
}

interface MomentumInternals {
  m: tf.Scalar;
  c?: tf.Tensor;
}

/**
 * Changes the momentum of a Momentum optimizer in place, keeping its accumulators. tf's setMomentum only sets the
 * number, while applyGradients reads the cached scalar `m`, so the scalar is replaced too. Other optimizers: no-op.
 */
export function setMomentum(opt: tf.Optimizer, momentum: number): void {
  if (opt.getClassName() !== 'Momentum') return;
  const mo = opt as tf.MomentumOptimizer;
  mo.setMomentum(momentum);
  const inner = opt as unknown as MomentumInternals;
  inner.m.dispose();
  inner.m = tf.keep(tf.scalar(momentum));
}

/** Frees an optimizer and its slots. MomentumOptimizer.dispose forgets its cached -lr scalar `c`: freed here. */
export function disposeOptimizer(opt: tf.Optimizer): void {
  if (opt.getClassName() === 'Momentum') (opt as unknown as MomentumInternals).c?.dispose();
  opt.dispose();
}
