import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeProceduralDataset } from '../data/procedural';
import { presetById } from '../graph/presets';
import { DEFAULT_HYPER } from '../train/hyper';
import { createGanAsTrainer } from './ganAsTrainer';
import { DEFAULT_GAN_HYPER } from './ganHyper';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('createGanAsTrainer', () => {
  it('trains through the Trainer contract, answers GAN probes, and frees everything', async () => {
    const gan = presetById('dcgan')?.gan;
    if (!gan) throw new Error('no dcgan preset');
    const dataset = makeProceduralDataset({ seed: 3, train: 32, test: 16 });
    const before = tf.memory().numTensors;
    const t = createGanAsTrainer({
      ...gan,
      dataset,
      hyper: { ...DEFAULT_HYPER, batchSize: 8 },
      gan: DEFAULT_GAN_HYPER,
      seed: 1,
      gridSize: 4,
    });
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
    const k = await t.probe({ kind: 'kernels', gradients: false });
    expect(k.kind === 'kernels' && k.layers.length).toBeGreaterThan(1);
    const maps = await t.probe({ kind: 'activations', sample: { from: 'test', index: 0 } });
    expect(maps.kind === 'activations' && maps.layers.length).toBeGreaterThan(0);
    await expect(t.probe({ kind: 'confusion' })).rejects.toThrow(/not available for GAN runs/);
    const cp = await t.checkpoint();
    t.restore(cp);
    t.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
