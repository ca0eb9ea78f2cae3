/** Turning probe inputs (a test index, a drawn image, the fixed probe batch) into tensors. Call inside tf.tidy. */
import * as tf from '@tensorflow/tfjs';
import type { SampleRef } from './types';
import { imagesTensor, labelsTensor } from '../batches';
import type { TrainContext } from '../context';
import { fitDrawn } from './fitDrawn';

/** Examples in the fixed probe batch used by dead-ReLU, gradient and health probes. */
export const PROBE_BATCH = 64;

export function sampleTensor(ctx: TrainContext, sample: SampleRef): tf.Tensor4D {
  const x = unitSampleTensor(ctx, sample);
  return ctx.signedInput ? tf.tidy(() => tf.sub(tf.mul(x, 2), 1) as tf.Tensor4D) : x;
}

/** 0..1 pixel values (clipped) as the dataset's bytes. */
export function unitToBytes(v: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = Math.round(255 * Math.min(1, Math.max(0, v[i] as number)));
  return out;
}

/** The sample in 0..1 pixels whatever scale the model reads (attacks and feature visualization work in these). */
export function unitSampleTensor(ctx: TrainContext, sample: SampleRef): tf.Tensor4D {
  const [h, w, c] = ctx.dataset.shape;
  if (sample.from === 'test') {
    if (sample.index < 0 || sample.index >= ctx.dataset.test.count)
      throw new Error(`probe: no test example ${sample.index}`);
    return imagesTensor(ctx.dataset.test, ctx.dataset.shape, [sample.index]);
  }
  // A 28×28 grey drawing on a dataset of another size or of colour images: resized and replicated (fitDrawn.ts).
  const pixels = fitDrawn(sample.pixels, ctx.dataset.shape);
  return tf.tidy(() => tf.div(tf.tensor4d(Float32Array.from(pixels), [1, h, w, c]), 255));
}

/** The label of a sample as a model class, or null for drawn images. */
export function sampleLabel(ctx: TrainContext, sample: SampleRef): number | null {
  if (sample.from === 'drawn') return null;
  const l = ctx.dataset.test.labels[sample.index];
  return l === undefined ? null : ctx.labelMap(l);
}

export function probeBatchIndices(ctx: TrainContext): Int32Array {
  return ctx.testPool.subarray(0, Math.min(PROBE_BATCH, ctx.testPool.length));
}

/** Inputs and targets of the fixed probe batch (the first test examples of the current label subset). */
export function probeBatch(ctx: TrainContext): { x: tf.Tensor4D; y: tf.Tensor } {
  const idx = probeBatchIndices(ctx);
  const x = imagesTensor(ctx.dataset.test, ctx.dataset.shape, idx);
  const y = ctx.target === 'labels' ? labelsTensor(ctx.dataset.test, idx, ctx.classes, ctx.labelMap) : x;
  return { x, y };
}
