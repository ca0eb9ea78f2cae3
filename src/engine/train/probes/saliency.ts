/** The saliency probe: a map of the chosen sample for a class, by gradient, SmoothGrad or Grad-CAM (inspect/saliency.ts). */
import * as tf from '@tensorflow/tfjs';
import type { NodeId } from '../../graph/types';
import { saliencyMap } from '../../inspect/saliency';
import { gradCamLayers } from '../../inspect/saliencyMethod';
import type { TrainContext } from '../context';
import { quantiseMaps } from './maps';
import { sampleTensor, unitToBytes } from './sample';
import type { SaliencyRequest, SaliencyResult } from './saliencyTypes';

/** One name per model output: the dataset's when they match in number, else "Class i". */
function classNames(ctx: TrainContext): string[] {
  const names = ctx.dataset.classNames;
  return Array.from({ length: ctx.classes }, (_, i) =>
    names.length === ctx.classes ? (names[i] ?? `Class ${i}`) : `Class ${i}`,
  );
}

export async function probeSaliency(ctx: TrainContext, request: SaliencyRequest): Promise<SaliencyResult> {
  if (ctx.target !== 'labels') throw new Error('Saliency maps are for classifiers');
  const layers = gradCamLayers(ctx.graph);
  let layer: NodeId | null = null;
  if (request.method === 'gradCam') {
    layer =
      request.layer !== null && layers.includes(request.layer) ? request.layer : (layers.at(-1) ?? null);
    if (layer === null) throw new Error('Grad-CAM needs a convolution layer');
  }
  const cls = request.classIndex;
  const classIndex = cls !== null && Number.isInteger(cls) && cls >= 0 && cls < ctx.classes ? cls : null;
  const t0 = performance.now();
  const tensors = tf.tidy(() => {
    const x = sampleTensor(ctx, request.sample);
    const r = saliencyMap(ctx.model, x, {
      method: request.method,
      classIndex,
      ...(layer === null ? {} : { layer }),
    });
    return { x, map: r.map, scores: r.scores, target: r.target, kind: r.kind };
  });
  try {
    const [x, map, scores, target] = await Promise.all([
      tensors.x.data<'float32'>(),
      tensors.map.data<'float32'>(),
      tensors.scores.data<'float32'>(),
      tensors.target.data<'int32'>(),
    ]);
    const ms = performance.now() - t0;
    const [h, w, c] = ctx.dataset.shape;
    const image = unitToBytes(x);
    let predicted = 0;
    for (let i = 1; i < scores.length; i++)
      if ((scores[i] as number) > (scores[predicted] as number)) predicted = i;
    return {
      kind: 'saliency',
      step: ctx.step,
      method: request.method,
      layer,
      requested: classIndex,
      classIndex: target[0] ?? predicted,
      predicted,
      classNames: classNames(ctx),
      score: tensors.kind,
      image,
      channels: c,
      map: quantiseMaps(layer ?? ('input' as NodeId), map, h, w, 1),
      ms,
    };
  } finally {
    tensors.x.dispose();
    tensors.map.dispose();
    tensors.scores.dispose();
    tensors.target.dispose();
  }
}
