/**
 * Per layer with weights: weight norm, loss-gradient norm on the probe batch, the relative size of the next update
 * (lr · ‖g‖ / ‖w‖; a healthy range is about 1e-4..1e-2) and whether any weight is NaN/Inf.
 */
import * as tf from '@tensorflow/tfjs';
import { asNodeId } from '../../graph/types';
import type { LayerHealth, ProbeResult } from './types';
import type { TrainContext } from '../context';
import { probeGradients } from './gradients';

export async function probeHealth(ctx: TrainContext): Promise<ProbeResult> {
  const layers = ctx.model.layers.filter((l) => l.weights.length > 0);
  const stats = tf.tidy(() => {
    const grads = probeGradients(ctx);
    const rows = layers.map((layer) => {
      let w2: tf.Tensor = tf.scalar(0);
      let g2: tf.Tensor = tf.scalar(0);
      let bad: tf.Tensor = tf.scalar(0);
      for (const lw of layer.weights) {
        const v = lw.read() as tf.Variable;
        w2 = tf.add(w2, tf.sum(tf.square(v)));
        bad = tf.add(bad, tf.sum(tf.cast(tf.logicalNot(tf.isFinite(v)), 'float32')));
        const g = grads.get(v.name);
        if (g !== undefined) g2 = tf.add(g2, tf.sum(tf.square(g)));
      }
      return tf.stack([tf.sqrt(w2), tf.sqrt(g2), bad]);
    });
    return rows.length === 0 ? tf.zeros([0]) : tf.concat(rows);
  });
  const v = await stats.data<'float32'>();
  stats.dispose();
  const result: LayerHealth[] = layers.map((layer, i) => {
    const weightNorm = v[3 * i] as number;
    const gradNorm = v[3 * i + 1] as number;
    const nonFinite =
      (v[3 * i + 2] as number) !== 0 || !Number.isFinite(weightNorm) || !Number.isFinite(gradNorm);
    return {
      node: asNodeId(layer.name),
      weightNorm,
      gradNorm,
      updateRatio: weightNorm > 0 ? (ctx.learningRate * gradNorm) / weightNorm : 0,
      nonFinite,
    };
  });
  return { kind: 'health', step: ctx.step, layers: result };
}
