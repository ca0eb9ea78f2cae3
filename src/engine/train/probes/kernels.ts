/** Kernels (or their loss gradients on the probe batch) of every conv layer, layout [kh, kw, in, out]. */
import * as tf from '@tensorflow/tfjs';
import type { KernelSet, ProbeResult } from './types';
import type { TrainContext } from '../context';
import { moduleOf } from '../../layers/registry';
import { probeGradients } from './gradients';

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
      return {
        node: node.id,
        kh: shape[0] as number,
        kw: shape[1] as number,
        inChannels: shape[2] as number,
        filters: shape[3] as number,
        values: values[i] as Float32Array,
      };
    });
    return { kind: 'kernels', gradients, step: ctx.step, layers };
  } finally {
    for (const t of picked) t.dispose();
  }
}
