/**
 * Gradients with respect to a model's input, for any method that asks "how would this output change if the pixels
 * changed?" (saliency, adversarial examples, feature visualisation). Tensors in, tensors out: call inside tf.tidy.
 */
import * as tf from '@tensorflow/tfjs';
import { classScores, type ScoreKind } from './classScore';

/** d f(x) / d x for a scalar-valued `f` (e.g. a loss, or one class score), the same shape as `x`. */
export function inputGradient<T extends tf.Tensor>(f: (x: T) => tf.Scalar, x: T): T {
  return tf.grad((v: tf.Tensor) => f(v as T))(x) as T;
}

/** The value of `f` at `x` and its gradient there. */
export function valueAndInputGradient<T extends tf.Tensor>(
  f: (x: T) => tf.Scalar,
  x: T,
): { value: tf.Scalar; grad: T } {
  const r = tf.valueAndGrad((v: tf.Tensor) => f(v as T))(x);
  return { value: r.value, grad: r.grad as T };
}

/**
 * Gradient of class `cls`'s score (the logit where the model exposes it, else the log-probability: classScore.ts)
 * w.r.t. each image of the batch `x`. The images are independent, so the gradient of the sum of their scores is
 * each image's own gradient: one backward pass for a whole batch (SmoothGrad's noisy copies).
 */
export function classScoreGradient(
  model: tf.LayersModel,
  x: tf.Tensor4D,
  cls: number,
): { grad: tf.Tensor4D; kind: ScoreKind } {
  let kind: ScoreKind = 'logit';
  const grad = inputGradient((v: tf.Tensor4D) => {
    const r = classScores(model, v);
    kind = r.kind;
    return tf.sum(tf.slice(r.scores, [0, cls], [-1, 1])) as tf.Scalar;
  }, x);
  return { grad, kind };
}
