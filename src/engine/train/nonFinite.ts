/** Finding the first layer whose weights went NaN/Inf, and the error the run stops with. */
import * as tf from '@tensorflow/tfjs';
import { asNodeId } from '../graph/types';
import type { NodeId } from '../graph/types';
import { NonFiniteError } from './trainer';

/** Whether every value of `t` is finite (one readback). */
export function allFinite(t: tf.Tensor): boolean {
  const ok = tf.tidy(() => tf.all(tf.isFinite(t)));
  const v = ok.dataSync()[0];
  ok.dispose();
  return v === 1;
}

/** The first layer (model order) with a non-finite weight, or null. Costs a readback per weight: only on failure. */
export function firstNonFiniteLayer(model: tf.LayersModel): NodeId | null {
  for (const layer of model.layers) {
    for (const w of layer.weights) {
      if (!allFinite(w.read())) return asNodeId(layer.name.replace(/__pad$/, ''));
    }
  }
  return null;
}

export function nonFiniteError(model: tf.LayersModel, step: number, learningRate: number): NonFiniteError {
  const node = firstNonFiniteLayer(model);
  const where = node === null ? 'the loss' : `the weights of layer "${node}"`;
  return new NonFiniteError(
    node,
    `Training diverged at step ${step}: ${where} became NaN or infinite. ` +
      `Lower the learning rate (now ${learningRate.toPrecision(3)}, try ${(learningRate / 10).toPrecision(3)}), ` +
      'add batch normalization after the convolutions, or set a Gradient clip norm (e.g. 1); ' +
      'then reset or restore the last checkpoint.',
  );
}
