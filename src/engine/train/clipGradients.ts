/** The global gradient norm of one step, and gradient clipping by it (Keras `global_clipnorm`). Call inside tf.tidy. */
import * as tf from '@tensorflow/tfjs';

export type Grads = Record<string, tf.Tensor>;

/** √(Σ over every variable of Σ g²): one scalar, no readback. */
export function globalNorm(grads: Grads): tf.Scalar {
  const squares = Object.values(grads).map((g) => tf.sum(tf.square(g)));
  if (squares.length === 0) return tf.scalar(0);
  return tf.sqrt(squares.length === 1 ? (squares[0] as tf.Scalar) : tf.addN(squares)) as tf.Scalar;
}

/**
 * The gradients scaled by clipNorm / max(norm, clipNorm): unchanged while the global norm is within clipNorm, scaled
 * down to exactly clipNorm above it (directions kept). clipNorm ≤ 0 means off and returns `grads` itself.
 */
export function clipByGlobalNorm(grads: Grads, clipNorm: number, norm?: tf.Scalar): Grads {
  if (!(clipNorm > 0)) return grads; // off: not even the norm is computed
  const scale = tf.div(clipNorm, tf.maximum(norm ?? globalNorm(grads), clipNorm));
  const out: Grads = {};
  for (const [name, g] of Object.entries(grads)) out[name] = tf.mul(g, scale);
  return out;
}
