import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeProceduralDataset } from '../data/procedural';
import type { Dataset } from '../data/types';
import { DEFAULT_HYPER } from '../train/hyper';
import { createRbmAsTrainer } from './rbmAsTrainer';
import { DEFAULT_RBM_HYPER } from './rbmHyper';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const dataset = makeProceduralDataset({ seed: 3, train: 256, test: 32 });

/** Four 28×28 strokes (a bar across, a bar down, a diagonal, a ring), 64 training and 32 test images of them. */
function strokes(): Dataset {
  const draw = (k: number): Uint8Array => {
    const img = new Uint8Array(784);
    for (let y = 0; y < 28; y++)
      for (let x = 0; x < 28; x++) {
        const r = Math.hypot(x - 13.5, y - 13.5);
        const on = [Math.abs(y - 14) < 3, Math.abs(x - 14) < 3, Math.abs(x - y) < 3, Math.abs(r - 9) < 2][k];
        img[y * 28 + x] = on ? 255 : 0;
      }
    return img;
  };
  const split = (n: number) => {
    const images = new Uint8Array(n * 784);
    for (let i = 0; i < n; i++) images.set(draw(i % 4), i * 784);
    return { images, labels: Uint8Array.from({ length: n }, (_, i) => i % 4), count: n };
  };
  return {
    id: 'procedural',
    shape: [28, 28, 1],
    classNames: ['0', '1', '2', '3'],
    train: split(64),
    test: split(32),
  };
}
const hyper = { ...DEFAULT_HYPER, optimizer: 'sgd' as const, learningRate: 0.1, batchSize: 16 };

describe('RBM as a trainer', () => {
  it('trains by CD-1: the reconstruction error falls; pseudo-likelihood of test images after each chunk; no leaks', async () => {
    const before = tf.memory().numTensors;
    const t = createRbmAsTrainer({ dataset: strokes(), hyper, rbm: DEFAULT_RBM_HYPER, hidden: 32, seed: 1 });
    const eval0 = await t.evaluate(32);
    const first = await t.trainBatches(5);
    expect(first.losses.length).toBe(5);
    expect(Number.isNaN(first.accuracies[0])).toBe(true);
    expect(Number.isNaN(first.rbm?.pseudoLikelihood[0])).toBe(true);
    expect(first.rbm?.pseudoLikelihood[4]).toBeLessThan(0);
    let last = first;
    for (let i = 0; i < 8; i++) last = await t.trainBatches(10);
    const mean = (a: Float32Array) => a.reduce((s, x) => s + x, 0) / a.length;
    expect(mean(last.losses)).toBeLessThan(mean(first.losses) * 0.8);
    expect((await t.evaluate(32)).loss).toBeLessThan(eval0.loss * 0.7);
    expect(t.step).toBe(85);
    t.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('answers the filters-and-dreams probe (the chain advances and restarts) and reconstructions', async () => {
    const before = tf.memory().numTensors;
    const t = createRbmAsTrainer({ dataset, hyper, rbm: DEFAULT_RBM_HYPER, hidden: 8, seed: 2, dreams: 4 });
    await t.trainBatches(3);
    const a = await t.probe({ kind: 'rbm', dreamSteps: 5 });
    if (a.kind !== 'rbm') throw new Error('wrong probe result');
    expect(a.filters.length).toBe(8 * 28 * 28);
    expect(a.dreamPixels.length).toBe(4 * 28 * 28);
    expect(a.dreamStep).toBe(5);
    expect(new Set(a.filters).size).toBeGreaterThan(10); // not a flat picture
    const b = await t.probe({ kind: 'rbm', dreamSteps: 5 });
    if (b.kind !== 'rbm') throw new Error('wrong probe result');
    expect(b.dreamStep).toBe(10);
    expect(b.dreamPixels).not.toEqual(a.dreamPixels);
    const c = await t.probe({ kind: 'rbm', dreamSteps: 1, restart: true });
    if (c.kind !== 'rbm') throw new Error('wrong probe result');
    expect(c.dreamStep).toBe(1);
    const r = await t.probe({ kind: 'reconstruct', count: 4 });
    if (r.kind !== 'reconstruct') throw new Error('wrong probe result');
    expect(r.inputs.length).toBe(4 * 28 * 28);
    expect(r.outputs.length).toBe(4 * 28 * 28);
    await expect(t.probe({ kind: 'deadRelu' })).rejects.toThrow(/RBM/);
    t.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('PCD, CD-k, Gaussian units and binarised input train with finite errors; settings change mid-run', async () => {
    const t = createRbmAsTrainer({
      dataset,
      hyper,
      rbm: { ...DEFAULT_RBM_HYPER, persistent: true, k: 3, binarize: true },
      hidden: 16,
      seed: 3,
    });
    for (const x of (await t.trainBatches(4)).losses) expect(Number.isFinite(x)).toBe(true);
    expect(t.model.chain?.shape).toEqual([16, 784]);
    t.setRbmHyper?.({ visible: 'gaussian', persistent: false, k: 1 });
    t.setHyper({ learningRate: 0.001 });
    const g = await t.trainBatches(4);
    for (const x of g.losses) expect(Number.isFinite(x)).toBe(true);
    expect(Number.isNaN(g.rbm?.pseudoLikelihood[3])).toBe(true); // Bernoulli units only
    t.dispose();
  });

  it('trains on colour images of another size (a user dataset of 32×32×3): filters and dreams in colour', async () => {
    const colour = makeProceduralDataset({ seed: 5, train: 64, test: 16, size: 32, channels: 3 });
    const t = createRbmAsTrainer({
      dataset: colour,
      hyper,
      rbm: DEFAULT_RBM_HYPER,
      hidden: 6,
      seed: 5,
      dreams: 2,
    });
    for (const x of (await t.trainBatches(3)).losses) expect(Number.isFinite(x)).toBe(true);
    const r = await t.probe({ kind: 'rbm', dreamSteps: 2 });
    if (r.kind !== 'rbm') throw new Error('wrong probe result');
    expect(r).toMatchObject({ h: 32, w: 32, channels: 3, hidden: 6, dreams: 2 });
    expect(r.filters.length).toBe(6 * 32 * 32 * 3);
    expect(r.dreamPixels.length).toBe(2 * 32 * 32 * 3);
    t.dispose();
  });

  it('checkpoints, restores and exports W, b, c (and the up pass as a Layers model)', async () => {
    const t = createRbmAsTrainer({ dataset, hyper, rbm: DEFAULT_RBM_HYPER, hidden: 8, seed: 4 });
    await t.trainBatches(3);
    const cp = await t.checkpoint();
    const w = await t.exportRbm();
    await t.trainBatches(3);
    t.restore(cp);
    expect(Array.from((await t.exportRbm()).W)).toEqual(Array.from(w.W));
    const art = await t.exportModel();
    expect(art.modelJson).toContain('rbm_hidden');
    expect(art.weights.byteLength).toBe((784 * 8 + 8) * 4);
    t.dispose();
  });
});
