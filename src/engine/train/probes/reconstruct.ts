/** Autoencoder probe: the first `count` test images as the model sees them (noisy for denoising runs) and its outputs. */
import * as tf from '@tensorflow/tfjs';
import type { ProbeResult } from './types';
import type { TrainContext } from '../context';
import { imagesTensor } from '../batches';

const toUint8 = (t: tf.Tensor): tf.Tensor => tf.cast(tf.round(tf.mul(tf.clipByValue(t, 0, 1), 255)), 'int32');

export async function probeReconstruct(ctx: TrainContext, count: number): Promise<ProbeResult> {
  const [h, w, c] = ctx.dataset.shape;
  const n = Math.max(1, Math.min(Math.round(count), 32, ctx.dataset.test.count));
  const idx = Int32Array.from({ length: n }, (_, i) => i);
  const noise = ctx.noise ?? 0;
  const packed = tf.tidy(() => {
    const clean = imagesTensor(ctx.dataset.test, ctx.dataset.shape, idx);
    // A fixed noise seed, so successive frames differ only by what the model learned.
    const x =
      noise > 0
        ? tf.clipByValue(tf.add(clean, tf.randomNormal(clean.shape, 0, noise, 'float32', 97)), 0, 1)
        : clean;
    const y = ctx.model.apply(x, { training: false }) as tf.Tensor;
    return tf.concat([toUint8(x).reshape([-1]), toUint8(y).reshape([-1])]);
  });
  const all = await packed.data<'int32'>();
  packed.dispose();
  const size = n * h * w * c;
  return {
    kind: 'reconstruct',
    step: ctx.step,
    count: n,
    h,
    w,
    channels: c,
    inputs: Uint8Array.from(all.subarray(0, size)),
    outputs: Uint8Array.from(all.subarray(size, 2 * size)),
  };
}
