/**
 * Dropout masks that differ every step yet repeat across runs with the same seed: tf's Dropout reuses its seed on every
 * call (the same mask each step), so the trainer gives each Dropout layer a fresh seed derived from seed and step.
 */
import type * as tf from '@tensorflow/tfjs';
import { deriveSeed } from '../compile/seeds';

export function reseedDropout(model: tf.LayersModel, seed: number, step: number): void {
  let k = 0;
  for (const layer of model.layers) {
    if (layer.getClassName() !== 'Dropout') continue;
    (layer as unknown as { seed: number }).seed = deriveSeed(deriveSeed(seed, step), 1000 + k++);
  }
}
