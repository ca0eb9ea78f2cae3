/**
 * The DCGAN built for each image shape the app offers: the generator doubles its map up to exactly the image
 * (7 → 14 → 28, 4 → 8 → 16 → 32, 4 → … → 64), the discriminator takes the image and ends in one logit, and on
 * 32×32×3 the pair trains on the cpu backend.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createGanTrainer } from '../gan/createGanTrainer';
import { DEFAULT_GAN_HYPER } from '../gan/ganHyper';
import { drawLatent } from '../gan/latent';
import { dcganDiscriminator, dcganGenerator, upBlocks } from './dcganNetworks';
import { outputNode } from './graphUtils';
import type { ImageShape } from './presetNetworks';
import { randomImages } from './presetNetworks.testData';
import { inferShapes } from './shapes';
import type { Graph } from './types';
import { validateGraph } from './validate';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const outOf = (g: Graph) => inferShapes(g).get(outputNode(g)!)?.output;
/** The generator's map sizes: the reshape's, then each transposed convolution's. */
const ladder = (g: Graph): number[] => {
  const info = inferShapes(g);
  return g.nodes
    .filter((n) => n.layer.kind === 'reshape' || n.layer.kind === 'conv2dTranspose')
    .map((n) => info.get(n.id)?.output?.[0] ?? -1);
};

describe.each([
  { shape: [28, 28, 1] as ImageShape, sizes: [7, 14, 28] },
  { shape: [28, 28, 3] as ImageShape, sizes: [7, 14, 28] },
  { shape: [32, 32, 1] as ImageShape, sizes: [4, 8, 16, 32] },
  { shape: [32, 32, 3] as ImageShape, sizes: [4, 8, 16, 32] },
  { shape: [64, 64, 1] as ImageShape, sizes: [4, 8, 16, 32, 64] },
  { shape: [64, 64, 3] as ImageShape, sizes: [4, 8, 16, 32, 64] },
])('the DCGAN for $shape', ({ shape, sizes }) => {
  const g = dcganGenerator(shape);
  const d = dcganDiscriminator(shape);

  it('generates exactly the image shape through transposed convolutions, ending in tanh', () => {
    expect(outOf(g)).toEqual([...shape]);
    expect(ladder(g)).toEqual(sizes);
    expect(g.nodes.at(-1)?.layer).toMatchObject({
      kind: 'conv2dTranspose',
      filters: shape[2],
      activation: 'tanh',
    });
    // Filters halve on the way up and end in 16 before the image's channels.
    const filters = g.nodes.flatMap((n) => (n.layer.kind === 'conv2dTranspose' ? [n.layer.filters] : []));
    expect(filters.slice(-2)).toEqual(sizes.length > 2 ? [16, shape[2]] : [shape[2]]);
  });

  it('discriminates images of that shape with strided convolutions down to one logit; both are valid', () => {
    expect(d.nodes[0]?.layer).toMatchObject({ kind: 'input', source: 'dataset', shape: [...shape] });
    expect(d.nodes.filter((n) => n.layer.kind === 'conv2d')).toHaveLength(sizes.length - 1);
    expect(outOf(d)).toEqual([1]);
    for (const net of [g, d]) expect(validateGraph(net, { imageShape: shape, classes: 2 })).toEqual([]);
  });
});

describe('DcganSize', () => {
  it('sets the widths of both networks and the kernel of every (transposed) convolution', () => {
    const size = { gFilters: 8, dFilters: 24, kernel: 3 };
    const convs = (g: Graph) =>
      g.nodes.flatMap((n) =>
        n.layer.kind === 'conv2d' || n.layer.kind === 'conv2dTranspose'
          ? [{ filters: n.layer.filters, kernel: n.layer.kernel }]
          : [],
      );
    const g = dcganGenerator([32, 32, 3], size);
    expect(convs(g)).toEqual([
      { filters: 16, kernel: [3, 3] },
      { filters: 8, kernel: [3, 3] },
      { filters: 3, kernel: [3, 3] },
    ]);
    expect(outOf(g)).toEqual([32, 32, 3]);
    expect(convs(dcganDiscriminator([28, 28, 1], size))).toEqual([
      { filters: 24, kernel: [3, 3] },
      { filters: 48, kernel: [3, 3] },
    ]);
    for (const shape of [
      [28, 28, 1],
      [64, 64, 3],
    ] as ImageShape[]) {
      const net = dcganGenerator(shape, size);
      expect(outOf(net)).toEqual([...shape]);
      expect(validateGraph(net, { imageShape: shape, classes: 2 })).toEqual([]);
      expect(validateGraph(dcganDiscriminator(shape, size), { imageShape: shape, classes: 2 })).toEqual([]);
    }
  });
});

describe('upBlocks', () => {
  it('doubles as often as both sides halve evenly to at least 4, at most four times', () => {
    expect([28, 32, 64, 128, 30, 7].map((s) => upBlocks(s, s))).toEqual([2, 3, 4, 4, 1, 0]);
    expect(upBlocks(32, 28)).toBe(2);
  });
  it('a size that does not halve still gets a generator of that size', () => {
    expect(outOf(dcganGenerator([7, 7, 3]))).toEqual([7, 7, 3]);
    expect(outOf(dcganGenerator([30, 30, 1]))).toEqual([30, 30, 1]);
  });
});

describe('the 32×32×3 DCGAN trains', () => {
  // One iteration (a D step and a G step) of batch 2: the cpu backend's transposed-convolution gradients are slow.
  it('a GAN iteration on random colour images: finite losses, colour samples, no leaks', async () => {
    const shape: ImageShape = [32, 32, 3];
    const before = tf.memory().numTensors;
    const t = createGanTrainer({
      generator: dcganGenerator(shape),
      discriminator: dcganDiscriminator(shape),
      dataset: randomImages(shape, 4, 2),
      hyper: { ...DEFAULT_GAN_HYPER, batchSize: 2 },
      seed: 2,
    });
    try {
      const s = await t.trainIterations(1);
      expect(t.iteration).toBe(1);
      expect(s.dLoss.length + s.gLoss.length).toBeGreaterThanOrEqual(2);
      for (const v of [...s.dLoss, ...s.gLoss]) expect(Number.isFinite(v)).toBe(true);
      const px = await t.generate(drawLatent(2, t.latentSize, 'normal', 3));
      expect(px.length).toBe(2 * 32 * 32 * 3);
    } finally {
      t.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});
