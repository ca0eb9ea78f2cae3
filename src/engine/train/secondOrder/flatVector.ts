/**
 * The trainable parameters as one flat vector: second-order methods treat the network as a function of a single
 * point in R^n. Variables are laid end to end in the order given; gradients are flattened the same way.
 */
import * as tf from '@tensorflow/tfjs';

/** Number of entries in the flat vector of these variables. */
export const flatSize = (vars: readonly tf.Variable[]): number => vars.reduce((n, v) => n + v.size, 0);

/** The variables' values end to end, as a new 1-D tensor. */
export function flattenVariables(vars: readonly tf.Variable[]): tf.Tensor1D {
  return tf.tidy(() =>
    vars.length === 0 ? tf.zeros([0]) : tf.concat(vars.map((v) => tf.reshape(v, [-1]))),
  ) as tf.Tensor1D;
}

/** The gradients (keyed by variable name, as tf.variableGrads gives them) flattened in the variables' order. */
export function flattenGrads(vars: readonly tf.Variable[], grads: tf.NamedTensorMap): tf.Tensor1D {
  return tf.tidy(() => {
    if (vars.length === 0) return tf.zeros([0]);
    return tf.concat(
      vars.map((v) => {
        const g = grads[v.name];
        return g === undefined ? tf.zeros([v.size]) : tf.reshape(g, [-1]);
      }),
    );
  }) as tf.Tensor1D;
}

/** Writes a flat vector back into the variables (the inverse of flattenVariables). */
export function assignFlat(vars: readonly tf.Variable[], flat: tf.Tensor1D): void {
  if (flat.size !== flatSize(vars))
    throw new Error(`assignFlat: ${flat.size} values for ${flatSize(vars)} parameters`);
  if (vars.length === 0) return;
  tf.tidy(() => {
    const parts = tf.split(
      flat,
      vars.map((v) => v.size),
    );
    vars.forEach((v, i) => v.assign(tf.reshape(parts[i] as tf.Tensor, v.shape)));
  });
}
