/** Confusion matrix on the validation split (with example indices per cell) and class probabilities for a sample. */
import * as tf from '@tensorflow/tfjs';
import type { ProbeResult, SampleRef } from './types';
import { imagesTensor } from '../batches';
import type { TrainContext } from '../context';
import { sampleLabel, sampleTensor } from './sample';

export const CONFUSION_LIMIT = 1000;
export const EXAMPLES_PER_CELL = 16;
const BATCH = 250;

export async function probeConfusion(ctx: TrainContext, limit = CONFUSION_LIMIT): Promise<ProbeResult> {
  const k = ctx.classes;
  const n = Math.max(1, Math.min(Math.floor(limit), CONFUSION_LIMIT, ctx.testPool.length));
  const pool = ctx.testPool.subarray(0, n);
  const predicted = tf.tidy(() => {
    const parts: tf.Tensor[] = [];
    for (let s = 0; s < pool.length; s += BATCH) {
      const x = imagesTensor(
        ctx.dataset.test,
        ctx.dataset.shape,
        pool.subarray(s, Math.min(s + BATCH, pool.length)),
      );
      parts.push(tf.argMax(ctx.model.predict(x) as tf.Tensor, -1));
    }
    return parts.length === 0 ? tf.zeros([0], 'int32') : tf.concat(parts);
  });
  const pred = await predicted.data<'int32'>();
  predicted.dispose();
  const matrix = new Int32Array(k * k);
  const examples = new Int32Array(k * k * EXAMPLES_PER_CELL).fill(-1);
  for (let i = 0; i < pool.length; i++) {
    const index = pool[i] as number;
    const t = ctx.labelMap(ctx.dataset.test.labels[index] as number);
    const p = pred[i] as number;
    if (t < 0 || t >= k || p < 0 || p >= k) continue;
    const cell = t * k + p;
    const n = matrix[cell] as number;
    if (n < EXAMPLES_PER_CELL) examples[cell * EXAMPLES_PER_CELL + n] = index;
    matrix[cell] = n + 1;
  }
  return { kind: 'confusion', step: ctx.step, classes: k, matrix, examples };
}

export async function probePredict(ctx: TrainContext, sample: SampleRef): Promise<ProbeResult> {
  const out = tf.tidy(() => ctx.model.predict(sampleTensor(ctx, sample)) as tf.Tensor);
  const probabilities = Float32Array.from(await out.data<'float32'>());
  out.dispose();
  return { kind: 'predict', step: ctx.step, probabilities, label: sampleLabel(ctx, sample) };
}
