/** Losses and accuracy by model role. Called inside tf.tidy. */
import * as tf from '@tensorflow/tfjs';
import { assertNever } from '../assertNever';
import type { Graph } from '../graph/types';
import { endsInSigmoid } from '../graph/graphUtils';

/**
 * What a model trains against: class labels (classifier) or its own input (autoencoder). An autoencoder whose
 * output is a sigmoid is scored with binary cross-entropy ('inputBinary'): with squared error its sigmoid saturates
 * at black early on MNIST and the gradient vanishes; other autoencoders use mean squared error.
 */
export type Target = 'labels' | 'input' | 'inputBinary';

export function targetFor(graph: Graph): Target {
  const role = graph.role;
  switch (role) {
    case 'classifier':
      return 'labels';
    case 'autoencoder':
      return endsInSigmoid(graph) ? 'inputBinary' : 'input';
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
    case 'inputBinary':
      return tf.mean(tf.metrics.binaryCrossentropy(yTrue, yPred));
    default:
      return assertNever(target);
  }
}

/** Number of rows whose arg-max matches, as a scalar. */
export function correctCount(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Scalar {
  return tf.sum(tf.cast(tf.equal(tf.argMax(yTrue, -1), tf.argMax(yPred, -1)), 'float32'));
}
