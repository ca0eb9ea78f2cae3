/** Every supervised preset compiles, trains a few steps on a small fixed batch (the loss falls) and leaks nothing. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { PRESETS } from '../graph/presets';
import { createTrainer } from './createTrainer';
import { tinyData } from './testGraphs';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const supervised = PRESETS.filter((p) => p.graph.role === 'classifier' || p.graph.role === 'autoencoder');
const data = tinyData(8, 8);

describe('presets train', () => {
  it('covers the supervised presets', () => {
    expect(supervised.length).toBeGreaterThanOrEqual(10);
  });

  it.each(supervised.map((p) => [p.id, p] as const))('%s: loss falls on a fixed batch of 8', async (_id, preset) => {
    const before = tf.memory().numTensors;
    const t = createTrainer({
      graph: preset.graph,
      dataset: data,
      // Same 8 examples every step; Adam for all so the check does not hinge on each preset's own optimizer.
      hyper: { ...preset.hyper, optimizer: 'adam', learningRate: 0.003, batchSize: 8, labelSubset: [] },
      seed: 11,
      ...(preset.inputNoise !== undefined ? { noise: preset.inputNoise } : {}),
    });
    const { losses } = await t.trainBatches(8);
    const first = losses[0] as number;
    const last = Math.min(losses[6] as number, losses[7] as number);
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(last).toBeLessThan(first);
    t.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
