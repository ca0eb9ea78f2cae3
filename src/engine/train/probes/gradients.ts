/** Loss gradients on the fixed probe batch (inference mode: no dropout, batch-norm moving statistics untouched). */
import * as tf from '@tensorflow/tfjs';
import type { TrainContext } from '../context';
import { lossOf } from '../losses';
import { probeBatch } from './sample';

/** Gradient per variable name (trainable variables only). Call inside tf.tidy. */
export function probeGradients(ctx: TrainContext): Map<string, tf.Tensor> {
  const out = new Map<string, tf.Tensor>();
  const vars = ctx.trainableVars.filter((v) => v.trainable);
  if (vars.length === 0 || ctx.testPool.length === 0) return out;
  const { x, y } = probeBatch(ctx);
  const { grads } = tf.variableGrads(
    () => lossOf(ctx.target, y, ctx.model.apply(x, { training: false }) as tf.Tensor),
    vars,
  );
  for (const [name, g] of Object.entries(grads)) if (g !== null && g !== undefined) out.set(name, g);
  return out;
}
