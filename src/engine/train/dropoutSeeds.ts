/**
 * Dropout masks that differ every step yet repeat across runs with the same seed: tf's Dropout reuses its seed on every
 * call (the same mask each step), so the trainer gives each Dropout layer a fresh seed derived from seed and step.
 */
import * as tf from '@tensorflow/tfjs';

export function reseedDropout(model: tf.LayersModel, seed: number, step: number): void {
  let k = 0;
  for (const layer of model.layers) {
    if (layer.getClassName() !== 'Dropout') continue;
    (layer as unknown as { seed: number }).seed = (seed * 7919 + step * 104729 + k++ * 31) % 2147483647;
  }
}
