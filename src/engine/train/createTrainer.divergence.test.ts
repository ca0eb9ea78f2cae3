/** The trainer's divergence guard and gradient clipping, on models small enough for hundreds of cpu steps. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTrainer } from './createTrainer';
import { DivergedError } from './trainer';
import type { Trainer } from './trainer';
import { STUCK_STEPS } from './divergence';
import { chain } from '../graph/edit';
import { L } from '../graph/layerBuilders';
import { DEFAULT_PRESET_ID, presetById } from '../graph/presets';
import { tinyData, tinyHyper, tinyMlp } from './testGraphs';
import type { Hyper } from './hyper';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const data = tinyData(256, 64);

/** Trains up to `max` steps in chunks; the error it stopped with (or null) and the step the message names. */
async function trainUntilError(t: Trainer, max: number): Promise<{ err: unknown; step: number }> {
  try {
    while (t.step < max) await t.trainBatches(5);
    return { err: null, step: t.step };
  } catch (e) {
    return { err: e, step: Number(/at step (\d+)/.exec(String((e as Error).message))?.[1] ?? NaN) };
  }
}

describe('divergence guard', () => {
  it.each(['adam', 'sgd'] as const)(
    'pauses a classifier at learning rate 10 with %s (stuck at the ceiling, zero gradient) and names a remedy',
    async (optimizer) => {
      const graph = tinyMlp();
      const before = tf.memory().numTensors;
      const t = createTrainer({
        graph,
        dataset: data,
        hyper: tinyHyper({ optimizer, learningRate: 10 }),
        seed: 1,
      });
      const { err, step } = await trainUntilError(t, 300);
      t.dispose();
      expect(tf.memory().numTensors).toBe(before);
      expect(err).toBeInstanceOf(DivergedError);
      const d = err as DivergedError;
      expect(d.kind).toBe('stuck');
      expect(step).toBeLessThanOrEqual(STUCK_STEPS + 10);
      // The softmax is the first saturated layer (the ReLU layer still has live units).
      const softmax = graph.nodes.find((n) => n.layer.kind === 'dense' && n.layer.activation === 'softmax');
      expect(d.node).toBe(softmax?.id);
      expect(d.message).toContain(`Layer "${String(softmax?.id)}"`);
      expect(d.message).toMatch(/lower the learning rate \(now 10\.0, try 1\.00\)/i);
      expect(d.message).toContain('batch normalization');
      expect(d.message).toContain('Gradient clip norm');
    },
  );

  it('pauses an autoencoder whose loss explodes without going NaN, naming the layer with the largest updates', async () => {
    const graph = chain('autoencoder', [
      L.image(),
      L.flatten(),
      L.dense(16, 'linear'),
      L.dense(784, 'linear'),
      L.reshape([28, 28, 1]),
    ]);
    const t = createTrainer({
      graph,
      dataset: data,
      hyper: tinyHyper({ optimizer: 'sgd', learningRate: 0.28 }),
      seed: 1,
    });
    const { err } = await trainUntilError(t, 300);
    t.dispose();
    expect(err).toBeInstanceOf(DivergedError);
    expect((err as DivergedError).kind).toBe('exploding');
    expect(graph.nodes.map((n) => n.id)).toContain((err as DivergedError).node);
    expect((err as DivergedError).message).toMatch(/largest updates.*try 0\.0280/);
  });

  it('never trips on a normal run with the default preset settings, fitting or overfitting', async () => {
    const preset = presetById(DEFAULT_PRESET_ID);
    const hyper: Hyper = { ...(preset?.hyper as Hyper), epochs: 1000, validateEvery: 0 };
    for (const [train, steps] of [
      [512, 300],
      [32, 400], // one batch: the loss falls to ~0, then any wobble is many times its best
    ] as const) {
      const t = createTrainer({ graph: tinyMlp(), dataset: tinyData(train, 32), hyper, seed: 3 });
      const { err } = await trainUntilError(t, steps);
      const last = await t.trainBatches(1);
      t.dispose();
      expect(err).toBeNull();
      expect(last.losses[0]).toBeLessThan(Math.log(10)); // it did learn
    }
  }, 240_000); // untimed; 64 s at load 15 on the cpu backend

  it('is reset by a new learning rate: the stuck count starts again', async () => {
    const t = createTrainer({
      graph: tinyMlp(),
      dataset: data,
      hyper: tinyHyper({ optimizer: 'sgd', learningRate: 10 }),
      seed: 1,
    });
    await t.trainBatches(STUCK_STEPS - 5); // stuck from step 2, not yet reported
    t.setHyper({ learningRate: 9 });
    const { err, step } = await trainUntilError(t, 2 * STUCK_STEPS + 20);
    t.dispose();
    expect(err).toBeInstanceOf(DivergedError);
    expect(step).toBeGreaterThanOrEqual(2 * STUCK_STEPS - 5);
  });
});

describe('gradient clipping (clipNorm)', () => {
  /** Global norm of the change of all weights over one SGD step at rate 1: the norm of the applied gradient. */
  async function appliedNorms(clipNorm: number, steps: number): Promise<number[]> {
    const t = createTrainer({
      graph: tinyMlp(),
      dataset: data,
      hyper: tinyHyper({ optimizer: 'sgd', learningRate: 1, clipNorm }),
      seed: 2,
    });
    const norms: number[] = [];
    let prev = await t.checkpoint();
    for (let s = 0; s < steps; s++) {
      await t.trainBatches(1);
      const next = await t.checkpoint();
      let sum = 0;
      next.weights.forEach((w, i) => {
        const a = prev.weights[i]?.values ?? new Float32Array(0);
        for (let k = 0; k < w.values.length; k++) sum += ((w.values[k] as number) - (a[k] as number)) ** 2;
      });
      norms.push(Math.sqrt(sum));
      prev = next;
    }
    t.dispose();
    return norms;
  }

  it('the global norm of every applied update is at most clipNorm; without it the updates are larger', async () => {
    const free = await appliedNorms(0, 5);
    expect(Math.max(...free)).toBeGreaterThan(0.2);
    const clipped = await appliedNorms(0.05, 5);
    for (const n of clipped) expect(n).toBeLessThanOrEqual(0.05 * (1 + 1e-4));
    expect(Math.max(...clipped)).toBeGreaterThan(0.049); // it clips to the norm, not to zero
  });

  it('takes effect from setHyper at the next step, and leaks nothing', async () => {
    const before = tf.memory().numTensors;
    const t = createTrainer({
      graph: tinyMlp(),
      dataset: data,
      hyper: tinyHyper({ optimizer: 'sgd', learningRate: 1 }),
      seed: 2,
    });
    await t.trainBatches(2);
    t.setHyper({ clipNorm: 1e-6 });
    const a = await t.checkpoint();
    await t.trainBatches(3);
    const b = await t.checkpoint();
    const moved = b.weights.reduce(
      (m, w, i) => Math.max(m, ...w.values.map((v, k) => Math.abs(v - (a.weights[i]?.values[k] ?? 0)))),
      0,
    );
    t.dispose();
    expect(moved).toBeLessThanOrEqual(3e-6);
    expect(tf.memory().numTensors).toBe(before);
  });
});
