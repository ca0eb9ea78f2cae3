import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeProceduralDataset } from '../data/procedural';
import { presetById } from '../graph/presets';
import { chain } from '../graph/edit';
import { L } from '../graph/layerBuilders';
import { createGanTrainer } from './createGanTrainer';
import { DEFAULT_GAN_HYPER } from './ganHyper';
import { drawLatent, slerp, slerpPath } from './latent';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const dataset = makeProceduralDataset({ seed: 3, train: 64, test: 16 });
const gan = presetById('dcgan')?.gan;

describe('createGanTrainer', () => {
  it('has a DCGAN preset with generator and discriminator', () => {
    expect(gan?.generator.role).toBe('generator');
    expect(gan?.discriminator.role).toBe('discriminator');
  });

  it('trains a few iterations with finite losses, D outputs in [0, 1], and no leaks', async () => {
    if (!gan) throw new Error('no dcgan preset');
    const before = tf.memory().numTensors;
    const t = createGanTrainer({ ...gan, dataset, hyper: { ...DEFAULT_GAN_HYPER, batchSize: 4 }, seed: 1 });
    const s = await t.trainIterations(2);
    expect(t.iteration).toBe(2);
    for (const arr of [s.dLoss, s.gLoss]) for (const v of arr) expect(Number.isFinite(v)).toBe(true);
    for (const arr of [s.dReal, s.dFake]) for (const v of arr) expect(v >= 0 && v <= 1).toBe(true);
    const z = drawLatent(3, t.latentSize, 'normal', 9);
    const px = await t.generate(z);
    expect(px.length).toBe(3 * 28 * 28);
    expect(new Set(px).size).toBeGreaterThan(1);
    t.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('is reproducible: same seed gives the same losses', async () => {
    if (!gan) throw new Error('no dcgan preset');
    const run = async (): Promise<number[]> => {
      // One iteration of batch 4 exercises every random draw (init, noise, batch order, dropout-free BN) and stays
      // well within the time limit on a loaded cpu backend.
      const t = createGanTrainer({ ...gan, dataset, hyper: { ...DEFAULT_GAN_HYPER, batchSize: 4 }, seed: 5 });
      const s = await t.trainIterations(1);
      t.dispose();
      return [...s.dLoss, ...s.gLoss];
    };
    expect(await run()).toEqual(await run());
  });

  it("clips each network's gradients when clipNorm is set (another trajectory, finite, no leaks)", async () => {
    // Dense-only networks: the clip is what is tested, not the DCGAN (slow on the cpu backend).
    const generator = chain('generator', [L.latent(8), L.dense(784, 'tanh'), L.reshape([28, 28, 1])]);
    const discriminator = chain('discriminator', [L.image(), L.flatten(), L.dense(1, 'linear')]);
    const before = tf.memory().numTensors;
    const run = async (clipNorm: number, late = false): Promise<number[]> => {
      const hyper = { ...DEFAULT_GAN_HYPER, batchSize: 8 };
      const opts = { generator, discriminator, dataset, hyper, seed: 5 };
      const t = createGanTrainer(late ? opts : { ...opts, clipNorm });
      if (late) t.setClipNorm(clipNorm);
      const s = await t.trainIterations(4);
      t.dispose();
      return [...s.dLoss, ...s.gLoss];
    };
    const free = await run(0);
    const clipped = await run(1e-3);
    expect(clipped.every(Number.isFinite)).toBe(true);
    // Adam's first step is scale-free; from the second on, a clipped gradient moves the weights differently.
    expect(clipped).not.toEqual(free);
    expect(await run(1e-3, true)).toEqual(clipped);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('the discriminator learns to separate real from fake when G is frozen out (kG = 0)', async () => {
    // Dense networks: what is tested is the kG = 0 schedule, and the DCGAN takes ~40 s on a loaded cpu backend.
    const t = createGanTrainer({
      generator: chain('generator', [L.latent(8), L.dense(784, 'tanh'), L.reshape([28, 28, 1])]),
      discriminator: chain('discriminator', [L.image(), L.flatten(), L.dense(1, 'linear')]),
      dataset,
      hyper: { ...DEFAULT_GAN_HYPER, batchSize: 8, kG: 0, lrD: 0.002, labelSmoothing: false },
      seed: 2,
    });
    const first = await t.trainIterations(1);
    const later = await t.trainIterations(10);
    t.dispose();
    expect(later.dLoss[9] as number).toBeLessThan(first.dLoss[0] as number);
    expect((later.dReal[9] as number) - (later.dFake[9] as number)).toBeGreaterThan(0.3);
  });
});

describe('latent', () => {
  it('slerp hits both ends and keeps the norm between them', () => {
    const a = drawLatent(1, 16, 'normal', 1);
    const b = drawLatent(1, 16, 'normal', 2);
    const close = (x: Float32Array, y: Float32Array): void =>
      x.forEach((v, i) => expect(v).toBeCloseTo(y[i] as number, 5));
    close(slerp(a, b, 0), a);
    close(slerp(a, b, 1), b);
    const path = slerpPath(a, b, 5);
    expect(path.length).toBe(80);
    const norm = (v: Float32Array): number => Math.hypot(...v);
    const mid = norm(slerp(a, b, 0.5));
    expect(mid).toBeGreaterThan(Math.min(norm(a), norm(b)) * 0.9);
  });
  it('uniform draws lie in [-1, 1]', () => {
    for (const v of drawLatent(10, 10, 'uniform', 4)) expect(Math.abs(v)).toBeLessThanOrEqual(1);
  });
});
