/** Activation maps of the spatial layers for one sample, and pooling input/output pairs with arg-max positions. */
import * as tf from '@tensorflow/tfjs';
import type { NodeId } from '../../graph/types';
import { moduleOf } from '../../layers/registry';
import { predecessors, topologicalOrder } from '../../graph/graphUtils';
import type { MapStack, ProbeResult, SampleRef } from './types';
import { compileProbeModel } from '../../compile/compile';
import type { TrainContext } from '../context';
import { mapGeometry, quantiseMaps } from './maps';
import { sampleTensor } from './sample';
import { maxPoolArgmax } from './argmax';

/** Runs the sample through a multi-output view of the model; returns each node's values and per-example shape. */
async function nodeValues(
  ctx: TrainContext,
  ids: readonly NodeId[],
  sample: SampleRef,
): Promise<{ input: Float32Array; outs: { values: Float32Array; shape: number[] }[] }> {
  const probeModel = compileProbeModel(ctx.model, ids); // shares the weights: never dispose it
  const tensors = tf.tidy(() => {
    const x = sampleTensor(ctx, sample);
    const outs = ids.length === 0 ? [] : probeModel.predict(x);
    return [x, ...(Array.isArray(outs) ? outs : [outs])];
  });
  try {
    const data = await Promise.all(tensors.map((t) => t.data<'float32'>()));
    return {
      input: data[0] as Float32Array,
      outs: tensors
        .slice(1)
        .map((t, i) => ({ values: data[i + 1] as Float32Array, shape: t.shape.slice(1) })),
    };
  } finally {
    for (const t of tensors) t.dispose();
  }
}

/**
 * The input as maps (one per channel, each with its own range, like any layer's) and, for a colour image, as RGB bytes
 * on one scale so the panels can show the picture itself (`values` are in [0, 1], or [−1, 1] for a GAN's D).
 */
function inputStack(ctx: TrainContext, values: Float32Array): MapStack {
  const inputNode = ctx.graph.nodes.find((n) => n.layer.kind === 'input');
  const [h, w, c] = ctx.dataset.shape;
  const maps = quantiseMaps(inputNode?.id ?? ('input' as NodeId), values, h, w, c);
  if (c !== 3) return maps;
  const rgb = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    const unit = ctx.signedInput ? (v + 1) / 2 : v;
    rgb[i] = Math.round(255 * Math.min(1, Math.max(0, unit)));
  }
  return { ...maps, rgb };
}

export async function probeActivations(ctx: TrainContext, sample: SampleRef): Promise<ProbeResult> {
  // In the order the data flows (a layer inserted later sits at the end of the node list).
  const byId = new Map(ctx.graph.nodes.map((n) => [n.id, n] as const));
  const ids = topologicalOrder(ctx.graph).filter((id) => {
    const n = byId.get(id);
    return n !== undefined && moduleOf(n.layer).featureMaps;
  });
  const { input, outs } = await nodeValues(ctx, ids, sample);
  const layers = outs.map((o, i) => {
    const g = mapGeometry(o.shape);
    return quantiseMaps(ids[i] as NodeId, o.values, g.h, g.w, g.count);
  });
  return { kind: 'activations', step: ctx.step, input: inputStack(ctx, input), layers };
}

export async function probePooling(ctx: TrainContext, node: NodeId, sample: SampleRef): Promise<ProbeResult> {
  const spec = ctx.graph.nodes.find((n) => n.id === node)?.layer;
  if (spec === undefined || (spec.kind !== 'maxPool2d' && spec.kind !== 'avgPool2d')) {
    throw new Error(`probe: ${node} is not a pooling node`);
  }
  const source = predecessors(ctx.graph, node)[0];
  if (source === undefined) throw new Error(`probe: pooling node ${node} has no input`);
  const { outs } = await nodeValues(ctx, [source, node], sample);
  const [src, dst] = outs;
  if (src === undefined || dst === undefined) throw new Error('probe: pooling outputs missing');
  const gi = mapGeometry(src.shape);
  const go = mapGeometry(dst.shape);
  const argmax =
    spec.kind === 'maxPool2d'
      ? maxPoolArgmax(
          src.values,
          { h: gi.h, w: gi.w, c: gi.count },
          { h: go.h, w: go.w },
          spec.pool,
          spec.stride,
          spec.padding,
        )
      : null;
  return {
    kind: 'pooling',
    step: ctx.step,
    node,
    input: quantiseMaps(source, src.values, gi.h, gi.w, gi.count),
    output: quantiseMaps(node, dst.values, go.h, go.w, go.count),
    argmax,
  };
}
