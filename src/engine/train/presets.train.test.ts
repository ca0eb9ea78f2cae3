/**
 * Every supervised preset compiles, trains a few steps on a small fixed batch (the loss falls) and leaks nothing.
 * The cpu backend's conv gradients are slow, so the batch is 2 examples and the run 4 steps.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { PRESETS } from '../graph/presets';
import { createTrainer } from './createTrainer';
import { tinyData } from './testGraphs';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** The heaviest presets (≈14 s each on a shared cpu) run in presets.heavy.train.test.ts to keep files short. */
export const HEAVY_PRESETS: readonly string[] = [
  'tf-estimator',
  'keras-transfer',
  'stack-3x3',
  'compare-kernel-size',
];
const heavy = (globalThis as { __heavyPresets?: boolean }).__heavyPresets === true;
const supervised = PRESETS.filter(
  (p) =>
    (p.graph.role === 'classifier' || p.graph.role === 'autoencoder') &&
    HEAVY_PRESETS.includes(p.id) === heavy,
);
const data = tinyData(2, 2);

describe('presets train', () => {
  it('covers the supervised presets', () => {
    expect(supervised.length).toBeGreaterThanOrEqual(heavy ? HEAVY_PRESETS.length : 10);
  });

  it.each(supervised.map((p) => [p.id, p] as const))(
    '%s: loss falls on a fixed batch of 2',
    async (_id, preset) => {
      const before = tf.memory().numTensors;
      const t = createTrainer({
        graph: preset.graph,
        dataset: data,
        // Same 8 examples every step; Adam for all so the check does not hinge on each preset's own optimizer.
        hyper: { ...preset.hyper, optimizer: 'adam', learningRate: 0.003, batchSize: 2, labelSubset: [] },
        seed: 11,
        ...(preset.inputNoise !== undefined ? { noise: preset.inputNoise } : {}),
      });
      const { losses } = await t.trainBatches(4);
      const first = losses[0] as number;
      const last = Math.min(losses[2] as number, losses[3] as number);
      expect(losses.every(Number.isFinite)).toBe(true);
      expect(last).toBeLessThan(first);
      t.dispose();
      expect(tf.memory().numTensors).toBe(before);
    },
    // Nothing here is timed; a heavy preset on cpu took over 60 s with the 2-core machine at load 15.
    240_000,
  );
});
