/**
 * The gradient of batch normalization (TF.js's FusedBatchNorm kernel) without its `tile`. TF.js 4.x builds the input
 * gradient as dy · tile(1/√(σ² + ε), [N, H, W, 1]) · γ: the tile writes a whole activation-sized tensor only to be
 * multiplied, and it is by far the slowest kernel of a training step on WASM (2.6× the step of the small CNN with two
 * batch-norm layers, most of it in Tile). Broadcasting the per-channel factor gives the same numbers. The other
 * gradients (mean, variance, scale, offset) are TF.js's, unchanged.
 */
import * as tf from '@tensorflow/tfjs';

export const fusedBatchNormGradConfig: tf.GradConfig = {
  kernelName: tf.FusedBatchNorm,
  inputsToSave: ['x', 'mean', 'variance', 'scale'],
  gradFunc: (dy, saved, attrs) => {
    const epsilon = (attrs as { varianceEpsilon: number }).varianceEpsilon;
    const [x, mean, variance, scale] = saved as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor | null];
    const g = dy as tf.Tensor;
    const gamma: tf.Tensor = scale ?? tf.scalar(1);
    const axes = tf.backend_util.getReductionAxes(mean.shape, x.shape);
    const perChannel = mean.rank === 1;
    const reduce = (t: tf.Tensor): tf.Tensor => tf.reshape(perChannel ? tf.sum(t, axes) : t, mean.shape);
    const xMinusMean = tf.sub(x, mean);
    const dyTimesScale = tf.mul(g, gamma);
    const invStd = tf.rsqrt(tf.add(variance, tf.scalar(epsilon)));
    const minusHalfInvStdCubed = tf.mul(tf.mul(tf.mul(invStd, invStd), invStd), tf.scalar(-0.5));
    return {
      x: () => tf.reshape(tf.mul(tf.mul(g, invStd), gamma), x.shape),
      mean: () => reduce(tf.mul(tf.mul(invStd, tf.scalar(-1)), dyTimesScale)),
      variance: () => reduce(tf.mul(tf.mul(minusHalfInvStdCubed, xMinusMean), dyTimesScale)),
      scale: () => reduce(tf.mul(g, tf.mul(xMinusMean, invStd))),
      offset: () => reduce(g),
    };
  },
};

/** Replaces TF.js's FusedBatchNorm gradient for every backend (idempotent). */
export function registerBatchNormGradient(): void {
  if (tf.getGradient(tf.FusedBatchNorm) === fusedBatchNormGradConfig) return;
  tf.registerGradient(fusedBatchNormGradConfig);
}
