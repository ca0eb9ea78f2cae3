/** Discriminator and generator losses on the discriminator's raw output (a logit). Call inside tf.tidy. */
import * as tf from '@tensorflow/tfjs';
import { assertNever } from '../assertNever';
import type { GanLoss } from './ganHyper';

/** D wants D(x) → real label (1, or 0.9 smoothed) and D(G(z)) → 0. */
export function discriminatorLoss(
  kind: GanLoss,
  realOut: tf.Tensor,
  fakeOut: tf.Tensor,
  realLabel: number,
): tf.Scalar {
  switch (kind) {
    case 'nonSaturating':
      return tf.add(
        tf.losses.sigmoidCrossEntropy(tf.fill(realOut.shape, realLabel), realOut),
        tf.losses.sigmoidCrossEntropy(tf.zerosLike(fakeOut), fakeOut),
      ) as tf.Scalar;
    case 'leastSquares':
      return tf.mul(
        0.5,
        tf.add(tf.mean(tf.square(tf.sub(realOut, realLabel))), tf.mean(tf.square(fakeOut))),
      ) as tf.Scalar;
    default:
      return assertNever(kind);
  }
}

/** Non-saturating: G maximises log D(G(z)) (minimises −log D(G(z))); least squares: (D(G(z)) − 1)² / 2. */
export function generatorLoss(kind: GanLoss, fakeOut: tf.Tensor): tf.Scalar {
  switch (kind) {
    case 'nonSaturating':
      return tf.losses.sigmoidCrossEntropy(tf.onesLike(fakeOut), fakeOut) as tf.Scalar;
    case 'leastSquares':
      return tf.mul(0.5, tf.mean(tf.square(tf.sub(fakeOut, 1)))) as tf.Scalar;
    default:
      return assertNever(kind);
  }
}

/** The probability D assigns to "real", averaged: sigmoid of the logit (non-saturating) or the clipped output (LS). */
export function meanRealProbability(kind: GanLoss, out: tf.Tensor): tf.Scalar {
  return kind === 'nonSaturating' ? tf.mean(tf.sigmoid(out)) : tf.mean(tf.clipByValue(out, 0, 1));
}
