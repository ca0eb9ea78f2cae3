import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeProceduralDataset } from '../data/procedural';
import { presetById } from '../graph/presets';
import { DEFAULT_HYPER } from '../train/hyper';
import { createGanAsTrainer } from './ganAsTrainer';
import { DEFAULT_GAN_HYPER } from './ganHyper';
import type { Graph } from '../graph/types';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// The DCGAN on the cpu backend: ~15 s quiet, 50–85 s with the 2-core machine loaded; nothing here is timed.
const SLOW_ON_CPU = 240_000;
const dcgan = presetById('dcgan')?.gan;
if (!dcgan) throw new Error('no dcgan preset');
const gan = dcgan;
const convIds = (g: Graph): string[] =>
  g.nodes.filter((n) => n.layer.kind === 'conv2d' || n.layer.kind === 'conv2dTranspose').map((n) => n.id);
const spread = (a: Uint8Array | Float32Array): number => Math.max(...a) - Math.min(...a);

/** The DCGAN preset on a few procedural images, batch 8, a 4-sample grid. */
function smallGan(dataSeed: number, seed: number) {
  const dataset = makeProceduralDataset({ seed: dataSeed, train: 32, test: 16 });
  const t = createGanAsTrainer({
    ...gan,
    dataset,
    hyper: { ...DEFAULT_HYPER, batchSize: 8 },
    gan: DEFAULT_GAN_HYPER,
    seed,
    gridSize: 4,
  });
  return { t, dataset };
}

describe('createGanAsTrainer', () => {
  it(
    'trains through the Trainer contract, answers GAN probes, and frees everything',
    async () => {
      const before = tf.memory().numTensors;
      const { t } = smallGan(3, 1);
      const first = await t.probe({ kind: 'ganSamples', interpolate: { a: 0, b: 3, steps: 5 } });
      const stats = await t.trainBatches(2);
      expect(stats.gan?.dLoss.length).toBe(2);
      expect(t.step).toBe(2);
      const later = await t.probe({ kind: 'ganSamples' });
      if (first.kind !== 'ganSamples' || later.kind !== 'ganSamples') throw new Error('wrong probe kind');
      expect(first.pixels.length).toBe(4 * 28 * 28);
      expect(first.interpolation?.length).toBe(5 * 28 * 28);
      expect(later.interpolation).toBeNull();
      expect(first.pixels).not.toEqual(later.pixels); // the generator changed
      expect(first.diversity).toBeGreaterThan(0);
      await expect(t.probe({ kind: 'confusion' })).rejects.toThrow(/not available for GAN runs/);
      const cp = await t.checkpoint();
      t.restore(cp);
      t.dispose();
      expect(tf.memory().numTensors).toBe(before);
    },
    SLOW_ON_CPU,
  );

  it(
    "answers kernels of both networks (weights and loss gradients), the discriminator's maps of a real and a fake image, and real samples",
    async () => {
      const before = tf.memory().numTensors;
      const { t, dataset } = smallGan(4, 2);
      await t.trainBatches(1);

      // Kernels: every conv layer of each network once, tagged with its network, discriminator first.
      const k = await t.probe({ kind: 'kernels', gradients: false });
      if (k.kind !== 'kernels') throw new Error('wrong probe kind');
      const ids = (net: string) => k.layers.filter((l) => l.network === net).map((l) => l.node);
      expect(ids('discriminator')).toEqual(convIds(gan.discriminator));
      expect(ids('generator')).toEqual(convIds(gan.generator));
      expect(ids('discriminator').length).toBeGreaterThan(0);
      expect(ids('generator').length).toBeGreaterThan(0);
      expect(k.layers[0]?.network).toBe('discriminator');
      for (const l of k.layers) {
        expect(l.values.length).toBe(l.kh * l.kw * l.inChannels * l.filters);
        expect(spread(l.values)).toBeGreaterThan(0);
      }
      // Gradients of each network's own loss: same layout, not all zero, not the weights.
      const g = await t.probe({ kind: 'kernels', gradients: true });
      if (g.kind !== 'kernels') throw new Error('wrong probe kind');
      expect(g.gradients).toBe(true);
      expect(g.layers.map((l) => [l.network, l.node, l.values.length])).toEqual(
        k.layers.map((l) => [l.network, l.node, l.values.length]),
      );
      for (const net of ['discriminator', 'generator'])
        expect(g.layers.some((l) => l.network === net && spread(l.values) > 0)).toBe(true);
      expect(g.layers[0]?.values).not.toEqual(k.layers[0]?.values);

      // Activations: the discriminator's maps of test image 5 and of G(z) for grid cell 5 mod 4 = 1.
      const maps = await t.probe({ kind: 'activations', sample: { from: 'test', index: 5 } });
      if (maps.kind !== 'activations') throw new Error('wrong probe kind');
      const dNodes = new Set(gan.discriminator.nodes.map((n) => n.id));
      expect(maps.layers.length).toBeGreaterThan(0);
      for (const m of maps.layers) expect(dNodes.has(m.node)).toBe(true);
      expect(maps.fake?.index).toBe(1);
      expect(maps.fake?.layers.map((m) => [m.node, m.h, m.w, m.count])).toEqual(
        maps.layers.map((m) => [m.node, m.h, m.w, m.count]),
      );
      // The real input is the test image itself; the fake is the grid's cell 1; their maps differ.
      const [h, w] = dataset.shape;
      const size = h * w;
      const realPx = dataset.test.images.subarray(5 * size, 6 * size);
      /** Pearson correlation: maps are normalised per map, so compare pictures up to scale and offset. */
      const corr = (a: Uint8Array, b: Uint8Array): number => {
        const mean = (v: Uint8Array) => v.reduce((x, y) => x + y, 0) / v.length;
        const [ma, mb] = [mean(a), mean(b)];
        let ab = 0;
        let aa = 0;
        let bb = 0;
        for (let i = 0; i < a.length; i++) {
          const [x, y] = [(a[i] as number) - ma, (b[i] as number) - mb];
          ab += x * y;
          aa += x * x;
          bb += y * y;
        }
        return ab / Math.sqrt(aa * bb);
      };
      expect(maps.input.data.length).toBe(size);
      expect(corr(maps.input.data, realPx)).toBeGreaterThan(0.99);
      const grid = await t.probe({ kind: 'ganSamples' });
      if (grid.kind !== 'ganSamples' || !maps.fake) throw new Error('wrong probe kind');
      const cell = grid.pixels.subarray(1 * size, 2 * size);
      expect(spread(maps.fake.input.data)).toBeGreaterThan(0);
      expect(Math.max(...maps.fake.input.min)).toBeGreaterThanOrEqual(-1.0001); // the signed input D sees
      expect(corr(maps.fake.input.data, cell)).toBeGreaterThan(0.99);
      expect(corr(maps.fake.input.data, realPx)).toBeLessThan(0.9);
      expect(maps.fake.layers.some((m, i) => m.data.some((v, j) => v !== maps.layers[i]?.data[j]))).toBe(
        true,
      );

      // The dataset strip's real samples are answered too.
      const s = await t.probe({ kind: 'samples', split: 'test', indices: [0, 3] });
      if (s.kind !== 'samples') throw new Error('wrong probe kind');
      expect(s.indices).toEqual([0, 3]);
      expect(s.pixels).toEqual(
        Uint8Array.from([
          ...dataset.test.images.subarray(0, size),
          ...dataset.test.images.subarray(3 * size, 4 * size),
        ]),
      );
      expect([...s.labels]).toEqual([dataset.test.labels[0], dataset.test.labels[3]]);

      t.dispose();
      expect(tf.memory().numTensors).toBe(before);
    },
    SLOW_ON_CPU,
  );
});
