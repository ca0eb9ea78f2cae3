/**
 * One layer's float input and output for a sample, with its weights and bias: what the Convolution step region needs
 * to recompute any cell of a conv, pooling or dense layer by hand (engine/inspect/convCell.ts, poolCell.ts,
 * denseUnit.ts), so stepping from cell to cell needs no further probe.
 */
import * as tf from '@tensorflow/tfjs';
import type { NodeId } from '../../graph/types';
import { predecessors } from '../../graph/graphUtils';
import { compileProbeModel } from '../../compile/compile';
import type { TrainContext } from '../context';
import { sampleTensor } from './sample';
import { isInspectableLayer } from '../../inspect/inspectable';
import type { LayerIOResult, SampleRef } from './types';

/** The kernel and bias of a layer, copied (the variables may change under an await while training). */
function weightsOf(ctx: TrainContext, id: NodeId): { kernel: tf.Tensor | null; bias: tf.Tensor | null } {
  const layer = ctx.model.getLayer(id);
  const pick = (suffix: string): tf.Tensor | null => {
    const v = layer.weights.find((w) => w.originalName.endsWith(suffix));
    return v ? tf.clone(v.read()) : null;
  };
  return { kernel: pick('/kernel'), bias: pick('/bias') };
}

export async function probeLayerIO(
  ctx: TrainContext,
  node: NodeId,
  sample: SampleRef,
): Promise<LayerIOResult> {
  const t0 = performance.now();
  const spec = ctx.graph.nodes.find((n) => n.id === node)?.layer;
  if (spec === undefined || !isInspectableLayer(spec))
    throw new Error(`probe: ${node} is not a conv, pooling or dense layer`);
  const source = predecessors(ctx.graph, node)[0];
  if (source === undefined) throw new Error(`probe: layer ${node} has no input`);
  // Inputs and outputs of the probe model share the weights: never dispose it.
  const probeModel = compileProbeModel(ctx.model, [source, node]);
  const [inT, outT] = tf.tidy(() => {
    const outs = probeModel.predict(sampleTensor(ctx, sample)) as tf.Tensor[];
    return [outs[0] as tf.Tensor, outs[1] as tf.Tensor];
  });
  const { kernel: kernelT, bias: biasT } = weightsOf(ctx, node);
  const all = [inT, outT, kernelT, biasT];
  try {
    const [input, output, kernel, bias] = await Promise.all(all.map((t) => (t ? t.data() : null)));
    return {
      kind: 'layerIO',
      step: ctx.step,
      node,
      spec,
      input: { shape: inT.shape.slice(1), values: input as Float32Array },
      output: { shape: outT.shape.slice(1), values: output as Float32Array },
      weights: (kernel as Float32Array | null) ?? null,
      bias: (bias as Float32Array | null) ?? null,
      ms: performance.now() - t0,
    };
  } finally {
    for (const t of all) t?.dispose();
  }
}
