import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTrainer } from '../createTrainer';
import type { Trainer } from '../trainer';
import { tinyCnn, tinyData, tinyHyper } from '../testGraphs';
import type { SaliencyRequest, SaliencyResult } from './saliencyTypes';
import { gradCamLayers } from '../../inspect/saliencyMethod';
import { PRESETS, DEFAULT_PRESET_ID } from '../../graph/presets';

const data = tinyData(64, 40);
const graph = tinyCnn();
const convs = gradCamLayers(graph);
let trainer: Trainer;
let tensorsBefore = 0;

beforeAll(async () => {
  await tf.setBackend('cpu');
  tensorsBefore = tf.memory().numTensors;
  trainer = createTrainer({ graph, dataset: data, hyper: tinyHyper(), seed: 2 });
  await trainer.trainBatches(3);
});

afterAll(() => {
  trainer.dispose();
  expect(tf.memory().numTensors).toBe(tensorsBefore);
});

const request = (patch: Partial<SaliencyRequest>): SaliencyRequest => ({
  kind: 'saliency',
  sample: { from: 'test', index: 3 },
  method: 'gradient',
  classIndex: null,
  layer: null,
  ...patch,
});

async function probe(t: Trainer, req: SaliencyRequest): Promise<SaliencyResult> {
  const before = tf.memory().numTensors;
  const r = await t.probe(req);
  expect(tf.memory().numTensors).toBe(before);
  if (r.kind !== 'saliency') throw new Error(`expected a saliency result, got ${r.kind}`);
  return r;
}

describe('saliency probe', () => {
  it('lists the conv layers in the order the data flows', () => {
    expect(convs).toEqual(graph.nodes.filter((n) => n.layer.kind === 'conv2d').map((n) => n.id));
    expect(convs).toHaveLength(2);
  });

  it('explains the predicted class by default, on the input grid, with honest ranges and the image', async () => {
    const r = await probe(trainer, request({}));
    expect(r.classIndex).toBe(r.predicted);
    expect(r.requested).toBeNull();
    expect(r.score).toBe('logit');
    expect(r.classNames).toHaveLength(10);
    expect(r.map).toMatchObject({ h: 28, w: 28, count: 1 });
    expect(r.map.min[0]).toBeGreaterThanOrEqual(0);
    expect(r.map.max[0]).toBeGreaterThan(r.map.min[0] as number);
    expect(Array.from(r.image)).toEqual(Array.from(data.test.images.subarray(3 * 784, 4 * 784)));
    expect(r.layer).toBeNull();
  });

  it('a chosen class, SmoothGrad and Grad-CAM each give another map', async () => {
    const base = await probe(trainer, request({}));
    const other = await probe(trainer, request({ classIndex: (base.predicted + 1) % 10 }));
    expect(other.classIndex).toBe((base.predicted + 1) % 10);
    expect(other.map.data).not.toEqual(base.map.data);
    const smooth = await probe(trainer, request({ method: 'smoothGrad' }));
    expect(smooth.map.data).not.toEqual(base.map.data);
    const cam = await probe(trainer, request({ method: 'gradCam' }));
    expect(cam.layer).toBe(convs.at(-1));
    expect(cam.map).toMatchObject({ h: 28, w: 28, count: 1 });
    expect(cam.map.min[0]).toBeGreaterThanOrEqual(0);
    const first = await probe(trainer, request({ method: 'gradCam', layer: convs[0] ?? null }));
    expect(first.layer).toBe(convs[0]);
    expect(first.map.data).not.toEqual(cam.map.data);
  });

  it('works on a drawing, and ignores an out-of-range class', async () => {
    const pixels = new Uint8Array(784);
    for (let i = 300; i < 500; i++) pixels[i] = 255;
    const r = await probe(trainer, request({ sample: { from: 'drawn', pixels }, classIndex: 99 }));
    expect(r.requested).toBeNull();
    expect(r.classIndex).toBe(r.predicted);
    expect(r.image[400]).toBe(255);
  });

  it('times the gradient and Grad-CAM on the default preset (report)', async () => {
    const preset = PRESETS.find((p) => p.id === DEFAULT_PRESET_ID);
    if (!preset) throw new Error('no default preset');
    const t = createTrainer({ graph: preset.graph, dataset: tinyData(64, 20), hyper: tinyHyper(), seed: 1 });
    await t.trainBatches(2);
    const ms: Record<string, number> = {};
    try {
      // SmoothGrad is 16 such gradients in one batch: seconds on this backend, measured in the browser instead.
      for (const method of ['gradient', 'gradCam'] as const) {
        await probe(t, request({ method })); // warm-up
        ms[method] = (await probe(t, request({ method }))).ms;
      }
    } finally {
      t.dispose();
    }
    console.log(`saliency ms per map, ${DEFAULT_PRESET_ID}, tfjs cpu backend:`, ms);
    expect(Object.values(ms).every((v) => v > 0)).toBe(true);
  });
});
