/** Losses and accuracy by model role. Called inside tf.tidy. */
import * as tf from '@tensorflow/tfjs';
import { assertNever } from '../graph/types';
import type { ModelRole } from '../graph/types';

/** What a role trains against: class labels (classifier) or its own input (autoencoder). */
export type Target = 'labels' | 'input';

export function targetFor(role: ModelRole): Target {
  switch (role) {
    case 'classifier':
      return 'labels';
    case 'autoencoder':
      return 'input';
    case 'generator':
    case 'discriminator':
      throw new Error(`createTrainer: a ${role} is trained by the GAN trainer, not the supervised one`);
    default:
      return assertNever(role);
  }
}

/** Mean categorical cross-entropy of softmax probabilities (clipped like Keras), or mean squared error. */
export function lossOf(target: Target, yTrue: tf.Tensor, yPred: tf.Tensor): tf.Scalar {
  switch (target) {
    case 'labels':
      return tf.mean(tf.metrics.categoricalCrossentropy(yTrue, yPred));
    case 'input':
      return tf.mean(tf.squaredDifference(yTrue, yPred));
    default:
      return assertNever(target);
  }
}

/** Number of rows whose arg-max matches, as a scalar. */
export function correctCount(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Scalar {
  return tf.sum(tf.cast(tf.equal(tf.argMax(yTrue, -1), tf.argMax(yPred, -1)), 'float32'));
}
