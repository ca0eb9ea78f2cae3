/** Kernels (or their loss gradients on the probe batch) of every conv layer, layout [kh, kw, in, out]. */
import * as tf from '@tensorflow/tfjs';
import type { KernelSet, ProbeResult } from './types';
import type { TrainContext } from '../context';
import { moduleOf } from '../../layers/registry';
import { probeGradients } from './gradients';
import { predecessors } from '../../graph/graphUtils';
import type { Graph, NodeId } from '../../graph/types';

/** Layers that keep each channel's meaning (red stays red): a conv behind them still reads the colour image. */
const CHANNELWISE = new Set(['dropout', 'batchNorm']);

/** Whether the conv `id` reads a 3-channel dataset image, directly or through dropout / batch norm only. */
export function readsRgbImage(graph: Graph, id: NodeId): boolean {
  const byId = new Map(graph.nodes.map((n) => [n.id, n] as const));
  let from = predecessors(graph, id);
  for (let hops = 0; from.length === 1 && hops < graph.nodes.length; hops++) {
    const n = byId.get(from[0] as NodeId);
    if (n === undefined) return false;
    if (n.layer.kind === 'input') return n.layer.source === 'dataset' && n.layer.shape[2] === 3;
    if (!CHANNELWISE.has(n.layer.kind)) return false;
    from = predecessors(graph, n.id);
  }
  return false;
}

/**
 * `lossGradients` (called inside a tidy) replaces the classifier loss's gradients on the probe batch, e.g. for a GAN
 * whose networks have losses of their own; gradient per variable name.
 */
export async function probeKernels(
  ctx: TrainContext,
  gradients: boolean,
  lossGradients: (ctx: TrainContext) => Map<string, tf.Tensor> = probeGradients,
): Promise<ProbeResult> {
  const convs = ctx.graph.nodes.filter((n) => moduleOf(n.layer).kernels !== null);
  const picked = tf.tidy(() => {
    const grads = gradients ? lossGradients(ctx) : null;
    return convs.map((node) => {
      const layer = ctx.model.getLayer(node.id);
      const kernel = layer.weights.find((w) => w.originalName.endsWith('/kernel'));
      if (kernel === undefined) throw new Error(`probe: layer ${node.id} has no kernel`);
      const v = kernel.read() as tf.Variable;
      const t = grads === null ? tf.clone(v) : (grads.get(v.name) ?? tf.zerosLike(v));
      // Conv2DTranspose stores [kh, kw, out, in]; report every kernel as [kh, kw, in, out].
      return moduleOf(node.layer).kernels === 'hwoi' ? tf.transpose(t, [0, 1, 3, 2]) : t;
    });
  });
  try {
    const values = await Promise.all(picked.map((t) => t.data<'float32'>()));
    const layers: KernelSet[] = convs.map((node, i) => {
      const shape = (picked[i] as tf.Tensor).shape;
      const set: KernelSet = {
        node: node.id,
        kh: shape[0] as number,
        kw: shape[1] as number,
        inChannels: shape[2] as number,
        filters: shape[3] as number,
        values: values[i] as Float32Array,
      };
      return set.inChannels === 3 && readsRgbImage(ctx.graph, node.id) ? { ...set, rgbInput: true } : set;
    });
    return { kind: 'kernels', gradients, step: ctx.step, layers };
  } finally {
    for (const t of picked) t.dispose();
  }
}
