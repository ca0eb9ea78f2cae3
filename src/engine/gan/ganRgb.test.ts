/** A GAN on 32×32×3 images: a generator ending in 3 channels, its samples in colour, D's first kernels read RGB. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeProceduralDataset } from '../data/procedural';
import { chain } from '../graph/edit';
import { L } from '../graph/layerBuilders';
import { DEFAULT_HYPER } from '../train/hyper';
import { diversityRatio } from './diversity';
import { createGanAsTrainer } from './ganAsTrainer';
import { DEFAULT_GAN_HYPER } from './ganHyper';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const S = 32;
const PX = S * S * 3;
const generator = chain('generator', [
  L.latent(8),
  L.dense(8 * 8 * 4, 'linear'),
  L.reshape([8, 8, 4]),
  L.deconv(4, 4),
  L.deconv(3, 4, { activation: 'tanh' }),
]);
const discriminator = chain('discriminator', [
  L.image([S, S, 3]),
  L.conv(4, 4, { stride: 2, activation: 'linear' }),
  L.act('leakyRelu', 0.2),
  L.flatten(),
  L.dense(1, 'linear'),
]);

describe('a GAN on 32×32×3', () => {
  it('answers colour samples, RGB kernels of D and D maps of real and fake colour images', async () => {
    const before = tf.memory().numTensors;
    const dataset = makeProceduralDataset({ seed: 2, train: 16, test: 8, size: S, channels: 3 });
    const t = createGanAsTrainer({
      generator,
      discriminator,
      dataset,
      hyper: { ...DEFAULT_HYPER, batchSize: 8 },
      gan: DEFAULT_GAN_HYPER,
      seed: 3,
      gridSize: 4,
    });
    try {
      await t.trainBatches(1);
      const g = await t.probe({ kind: 'ganSamples', interpolate: { a: 0, b: 1, steps: 3 } });
      if (g.kind !== 'ganSamples') throw new Error('kind');
      expect([g.count, g.h, g.w, g.channels]).toEqual([4, S, S, 3]);
      expect(g.pixels.length).toBe(4 * PX);
      expect(g.interpolation?.length).toBe(3 * PX);
      // Diversity over whole colour images (all three channels of each sample).
      const real = dataset.test.images.subarray(0, dataset.test.count * PX);
      expect(g.diversity).toBeCloseTo(diversityRatio(g.pixels, real, PX), 6);

      const k = await t.probe({ kind: 'kernels', gradients: false });
      if (k.kind !== 'kernels') throw new Error('kind');
      const first = k.layers.find((l) => l.network === 'discriminator');
      expect(first).toMatchObject({ inChannels: 3, rgbInput: true });
      expect(k.layers.filter((l) => l.network === 'generator').every((l) => l.rgbInput !== true)).toBe(true);

      // D sees images in [−1, 1]; the RGB bytes are the pictures themselves: test image 1 and grid cell 1.
      const maps = await t.probe({ kind: 'activations', sample: { from: 'test', index: 1 } });
      if (maps.kind !== 'activations' || !maps.fake) throw new Error('kind');
      const realPx = dataset.test.images.subarray(PX, 2 * PX);
      expect([...(maps.input.rgb ?? [])].every((v, i) => Math.abs(v - realPx[i]!) <= 1)).toBe(true);
      expect([...(maps.fake.input.rgb ?? [])]).toEqual([...g.pixels.subarray(PX, 2 * PX)]);
    } finally {
      t.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});
