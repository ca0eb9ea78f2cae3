/**
 * Dead ReLUs: per ReLU layer, the fraction of units (each output element, position × channel) that are zero for every
 * example of the fixed probe batch, and the mean fraction of zero outputs.
 */
import * as tf from '@tensorflow/tfjs';
import type { GraphNode } from '../../graph/types';
import type { ProbeResult } from './types';
import { compileProbeModel } from '../../compile/compile';
import type { TrainContext } from '../context';
import { moduleOf } from '../../layers/registry';
import { probeBatch } from './sample';

/** Whether the node applies a ReLU (fused or its own), whose units can die. */
export function isReluNode(n: GraphNode): boolean {
  return moduleOf(n.layer).activation(n.layer) === 'relu';
}

export async function probeDeadRelu(ctx: TrainContext): Promise<ProbeResult> {
  const ids = ctx.graph.nodes.filter(isReluNode).map((n) => n.id);
  if (ids.length === 0 || ctx.testPool.length === 0) return { kind: 'deadRelu', step: ctx.step, layers: [] };
  const probeModel = compileProbeModel(ctx.model, ids); // shares weights: not disposed
  const stats = tf.tidy(() => {
    const { x } = probeBatch(ctx);
    const raw = probeModel.predict(x);
    const outs = Array.isArray(raw) ? raw : [raw];
    return tf.stack(
      outs.flatMap((o) => {
        const zero = tf.equal(o, 0);
        const dead = tf.mean(tf.cast(tf.all(zero, 0), 'float32'));
        return [dead, tf.mean(tf.cast(zero, 'float32'))];
      }),
    );
  });
  const v = await stats.data<'float32'>();
  stats.dispose();
  return {
    kind: 'deadRelu',
    step: ctx.step,
    layers: ids.map((node, i) => ({
      node,
      deadFraction: v[2 * i] as number,
      zeroFraction: v[2 * i + 1] as number,
    })),
  };
}
