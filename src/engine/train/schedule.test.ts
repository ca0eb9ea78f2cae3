import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { budgetProgress, DEFAULT_HYPER, effectiveLearningRate } from './hyper';
import { createTrainer } from './createTrainer';
import { tinyCnn, tinyData, tinyHyper } from './testGraphs';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('learning-rate schedules', () => {
  it("'decay': lr0 / (1 + decay · step), whatever the progress; settings without a schedule decay too", () => {
    const h = { ...DEFAULT_HYPER, learningRate: 0.1, decay: 0.01 };
    expect(effectiveLearningRate(h, 0, 0)).toBeCloseTo(0.1, 12);
    expect(effectiveLearningRate(h, 100, 0.9)).toBeCloseTo(0.05, 12);
    const { schedule: _none, ...old } = h;
    expect(effectiveLearningRate(old, 100, 0.9)).toBeCloseTo(0.05, 12);
  });

  it("'linear': lr0 · (1 − progress), reaching 0 at the end of the epochs and not below", () => {
    const h = { ...DEFAULT_HYPER, learningRate: 0.004, decay: 0.5, schedule: 'linear' as const, epochs: 4 };
    expect(effectiveLearningRate(h, 0, budgetProgress(h, 0))).toBeCloseTo(0.004, 12);
    expect(effectiveLearningRate(h, 500, budgetProgress(h, 1))).toBeCloseTo(0.003, 12);
    expect(effectiveLearningRate(h, 1000, budgetProgress(h, 3))).toBeCloseTo(0.001, 12);
    expect(effectiveLearningRate(h, 2000, budgetProgress(h, 4))).toBe(0);
    expect(effectiveLearningRate(h, 3000, budgetProgress(h, 6))).toBe(0);
  });

  it('the trainer steps with the linear rate: lr0 at step 1, falling in equal steps over the epochs', async () => {
    // 64 examples in batches of 16: 4 steps an epoch, 2 epochs, so the rate before step k is lr0 · (1 − (k−1)/8).
    const t = createTrainer({
      graph: tinyCnn(),
      dataset: tinyData(64, 16),
      hyper: tinyHyper({ batchSize: 16, epochs: 2, learningRate: 0.02, schedule: 'linear' }),
      seed: 1,
    });
    const stats = await t.trainBatches(8);
    const expected = Array.from({ length: 8 }, (_, k) => 0.02 * (1 - k / 8));
    const got = Array.from(stats.learningRates ?? []);
    expect(got.length).toBe(8);
    got.forEach((lr, k) => expect(lr).toBeCloseTo(expected[k] as number, 12));
    t.dispose();
  });

  it('with the decay schedule the trainer reports lr0 / (1 + decay · step) per step', async () => {
    const t = createTrainer({
      graph: tinyCnn(),
      dataset: tinyData(64, 16),
      hyper: tinyHyper({ batchSize: 16, epochs: 2, learningRate: 0.02, decay: 0.1 }),
      seed: 1,
    });
    const stats = await t.trainBatches(3);
    const got = Array.from(stats.learningRates ?? []);
    expect(got.length).toBe(3);
    [0.02, 0.02 / 1.1, 0.02 / 1.2].forEach((lr, k) => expect(got[k]).toBeCloseTo(lr, 12));
    t.dispose();
  });
});
