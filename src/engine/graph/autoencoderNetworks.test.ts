/** The autoencoder presets built for each image shape rebuild exactly it, and train on 32×32×3 on the cpu backend. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTrainer } from '../train/createTrainer';
import { DEFAULT_HYPER } from '../train/hyper';
import { compressionAutoencoder, denoisingAutoencoder } from './autoencoderNetworks';
import { outputNode } from './graphUtils';
import type { ImageShape } from './presetNetworks';
import { randomImages } from './presetNetworks.testData';
import { inferShapes } from './shapes';
import { validateGraph } from './validate';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const SHAPES: ImageShape[] = [28, 32, 64].flatMap((s) => [1, 3].map((c): ImageShape => [s, s, c]));
const BUILDS = [
  ['compression', compressionAutoencoder],
  ['denoising', denoisingAutoencoder],
] as const;

describe.each(BUILDS)('the %s autoencoder', (_name, build) => {
  it.each(SHAPES)(
    'on %i×%i×%i takes and rebuilds exactly that shape through a sigmoid, with no issues',
    (...s) => {
      const shape: ImageShape = [s[0], s[1], s[2]];
      const g = build(shape);
      expect(g.role).toBe('autoencoder');
      expect(g.nodes[0]?.layer).toMatchObject({ kind: 'input', source: 'dataset', shape });
      expect(inferShapes(g).get(outputNode(g)!)?.output).toEqual(shape);
      expect(validateGraph(g, { imageShape: shape, classes: 2 })).toEqual([]);
    },
  );

  it('trains two steps on random 32×32×3 images: finite losses, colour reconstructions, no leaks', async () => {
    const shape: ImageShape = [32, 32, 3];
    const before = tf.memory().numTensors;
    const t = createTrainer({
      graph: build(shape),
      dataset: randomImages(shape, 4, 2),
      hyper: { ...DEFAULT_HYPER, optimizer: 'adam', learningRate: 0.003, batchSize: 2 },
      seed: 3,
    });
    try {
      const { losses } = await t.trainBatches(2);
      expect(losses).toHaveLength(2);
      expect(losses.every(Number.isFinite)).toBe(true);
      const r = await t.probe({ kind: 'reconstruct', count: 2 });
      if (r.kind !== 'reconstruct') throw new Error('kind');
      expect([r.h, r.w, r.channels]).toEqual([32, 32, 3]);
      expect(r.outputs.length).toBe(2 * 32 * 32 * 3);
    } finally {
      t.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});
