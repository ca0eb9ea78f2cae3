/** The probes of a 32×32×3 model on a synthetic colour set (procedural, channels: 3), on the tfjs cpu backend. */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeProceduralDataset } from '../../data/procedural';
import { chain } from '../../graph/edit';
import { L } from '../../graph/layerBuilders';
import { createTrainer } from '../createTrainer';
import type { Trainer } from '../trainer';
import { tinyHyper } from '../testGraphs';
import { fitDrawn } from './fitDrawn';
import { readsRgbImage } from './kernels';
import type { ProbeRequest, ProbeResult } from './types';

const S = 32;
const PX = S * S * 3;
const data = makeProceduralDataset({ seed: 3, train: 64, test: 24, size: S, channels: 3 });
const graph = chain('classifier', [
  L.image([S, S, 3]),
  L.dropout(0.1),
  L.conv(4, 3),
  L.maxPool(),
  L.conv(3, 3),
  L.flatten(),
  L.dense(10, 'softmax'),
]);
const [, , conv1, pool, conv2] = graph.nodes;
let trainer: Trainer;
let before = 0;

beforeAll(async () => {
  await tf.setBackend('cpu');
  before = tf.memory().numTensors;
  trainer = createTrainer({ graph, dataset: data, hyper: tinyHyper(), seed: 5 });
  await trainer.trainBatches(3);
});

afterAll(() => {
  trainer.dispose();
  expect(tf.memory().numTensors).toBe(before);
});

async function probe<K extends ProbeResult['kind']>(
  req: ProbeRequest & { kind: K },
): Promise<Extract<ProbeResult, { kind: K }>> {
  const r = await trainer.probe(req);
  if (r.kind !== req.kind) throw new Error(`expected ${req.kind}, got ${r.kind}`);
  return r as Extract<ProbeResult, { kind: K }>;
}

describe('probes of a 32×32×3 model', () => {
  it('kernels: the first conv has 3 input channels and is marked as reading the colour image', async () => {
    const r = await probe({ kind: 'kernels', gradients: false });
    expect(r.layers.map((l) => [l.node, l.inChannels, l.filters, l.rgbInput ?? false])).toEqual([
      [conv1!.id, 3, 4, true],
      // 3 input channels too, but they are conv1's maps, not red, green and blue.
      [conv2!.id, 4, 3, false],
    ]);
    expect(readsRgbImage(graph, conv2!.id)).toBe(false);
    const grey = chain('classifier', [L.image([S, S, 1]), L.conv(3, 3), L.conv(4, 3), L.flatten()]);
    expect(readsRgbImage(grey, grey.nodes[1]!.id)).toBe(false);
  });

  it('activations: the input is 3 maps plus its RGB bytes, equal to the dataset image', async () => {
    const r = await probe({ kind: 'activations', sample: { from: 'test', index: 4 } });
    expect(r.input).toMatchObject({ h: S, w: S, count: 3 });
    expect([...(r.input.rgb ?? [])]).toEqual([...data.test.images.subarray(4 * PX, 5 * PX)]);
    expect(r.layers.find((l) => l.node === pool!.id)).toMatchObject({ h: 16, w: 16, count: 4 });
  });

  it('samples: the strip gets each image at 32×32×3 with its shape', async () => {
    const r = await probe({ kind: 'samples', split: 'test', indices: [0, 1, 2] });
    expect([r.h, r.w, r.channels]).toEqual([S, S, 3]);
    expect(r.pixels.length).toBe(3 * PX);
    expect([...r.pixels.subarray(PX, 2 * PX)]).toEqual([...data.test.images.subarray(PX, 2 * PX)]);
  });

  it('a 28×28 drawing is resized and made RGB: predictions and maps as for the fitted image', async () => {
    const drawing = Uint8Array.from({ length: 784 }, (_, i) => (Math.abs((i % 28) - 14) < 3 ? 255 : 0));
    const fitted = fitDrawn(drawing, [S, S, 3]);
    const a = await probe({ kind: 'predict', sample: { from: 'drawn', pixels: drawing } });
    const b = await probe({ kind: 'predict', sample: { from: 'drawn', pixels: fitted } });
    expect(a.probabilities.length).toBe(10);
    expect([...a.probabilities]).toEqual([...b.probabilities]);
    expect(a.label).toBeNull();
    const maps = await probe({ kind: 'activations', sample: { from: 'drawn', pixels: drawing } });
    expect([...(maps.input.rgb ?? [])]).toEqual([...fitted]);
  });

  it('confusion and the snapshot work on colour images; the snapshot keeps the RGB input', async () => {
    const c = await probe({ kind: 'confusion' });
    expect([...c.matrix].reduce((s, v) => s + v, 0)).toBe(24);
    const s = await probe({ kind: 'snapshot', index: 0, maxFilters: 2, maxMaps: 2, maxLayers: 2 });
    expect(s.kernels).toMatchObject({ inChannels: 3, filters: 2, rgbInput: true });
    expect(s.input.rgb?.length).toBe(PX);
  });
});

describe('an RGB autoencoder', () => {
  it('reconstructs 3 channels: inputs are the dataset bytes, outputs count×32×32×3', async () => {
    const ae = chain('autoencoder', [
      L.image([S, S, 3]),
      L.conv(4, 3),
      L.maxPool(),
      L.upSample(),
      L.conv(3, 3, { activation: 'sigmoid' }),
    ]);
    const t = createTrainer({ graph: ae, dataset: data, hyper: tinyHyper(), seed: 1 });
    try {
      await t.trainBatches(1);
      const r = await t.probe({ kind: 'reconstruct', count: 2 });
      if (r.kind !== 'reconstruct') throw new Error('kind');
      expect([r.count, r.h, r.w, r.channels]).toEqual([2, S, S, 3]);
      expect([...r.inputs]).toEqual([...data.test.images.subarray(0, 2 * PX)]);
      expect(r.outputs.length).toBe(2 * PX);
    } finally {
      t.dispose();
    }
  });
});
