import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTrainer } from './createTrainer';
import { chain } from '../graph/edit';
import { L } from '../graph/layerBuilders';
import { asNodeId } from '../graph/types';
import type { OptimizerId } from './hyper';
import { SECOND_ORDER_MAX_PARAMS, SecondOrderRefusedError } from './secondOrderBudget';
import { tinyData, tinyHyper, tinyMlp } from './testGraphs';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Logistic regression: the ladder's first preset (flatten → dense softmax), 7,850 parameters. */
const logistic = () => chain('classifier', [L.image(), L.flatten(), L.dense(10, 'softmax')]);
const data = tinyData(64, 32);

const weightsOf = async (t: ReturnType<typeof createTrainer>): Promise<Map<string, Float32Array>> => {
  const cp = await t.checkpoint();
  return new Map(cp.weights.map((w) => [w.name, w.values] as const));
};

describe('createTrainer with L-BFGS and conjugate gradient', () => {
  it.each<OptimizerId>(['lbfgs', 'cg'])(
    '%s trains logistic regression: the loss falls step by step, Step advances, nothing leaks',
    async (optimizer) => {
      const before = tf.memory().numTensors;
      // 64 examples per step: the whole training set (full batch), in chunks of 256 at most.
      const t = createTrainer({
        graph: logistic(),
        dataset: data,
        hyper: tinyHyper({ optimizer, secondOrderBatch: 64 }),
        seed: 1,
      });
      const s = await t.trainBatches(8);
      expect(s.losses.length).toBe(8);
      expect(t.step).toBe(8);
      expect(t.epoch).toBe(7); // one step = one pass over these 64 examples
      const l = Array.from(s.losses);
      expect(l.every(Number.isFinite)).toBe(true);
      // Full batch: every step lowers the loss (the line search asks for it).
      for (let i = 1; i < l.length; i++) expect(l[i]).toBeLessThan(l[i - 1] as number);
      expect(l[7]).toBeLessThan((l[0] as number) * 0.6);
      expect(s.accuracies.every((a) => a >= 0 && a <= 1)).toBe(true);
      t.dispose();
      expect(tf.memory().numTensors).toBe(before);
    },
  );

  it('a batch larger than a chunk (300 examples = 256 + 44) gives the same loss as the mean over the batch', async () => {
    const big = tinyData(300, 16);
    const t = createTrainer({
      graph: logistic(),
      dataset: big,
      hyper: tinyHyper({ optimizer: 'lbfgs', secondOrderBatch: 300 }),
      seed: 1,
    });
    const first = await t.trainBatches(1);
    // Fresh weights on the same 300 examples: the evaluation in inference mode sees the same function (no dropout).
    const ref = createTrainer({
      graph: logistic(),
      dataset: { ...big, test: big.train },
      hyper: tinyHyper(),
      seed: 1,
    });
    const e = await ref.evaluate();
    expect(first.losses[0]).toBeCloseTo(e.loss, 4);
    const more = await t.trainBatches(5);
    expect(more.losses[4]).toBeLessThan(first.losses[0] as number);
    t.dispose();
    ref.dispose();
  });

  it('large batches drawn from the training set (64 of 128 per step): the loss falls over six epochs', async () => {
    const t = createTrainer({
      graph: tinyMlp(),
      dataset: tinyData(128, 16),
      hyper: tinyHyper({ optimizer: 'lbfgs', secondOrderBatch: 64, historySize: 5 }),
      seed: 2,
    });
    const s = await t.trainBatches(12);
    const l = Array.from(s.losses);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(l.slice(8))).toBeLessThan(mean(l.slice(0, 4)) * 0.8);
    expect(t.epoch).toBe(5); // 2 steps per epoch
    t.dispose();
  });

  it('leaves frozen layers alone', async () => {
    const graph = tinyMlp();
    const hidden = graph.nodes.find((n) => n.layer.kind === 'dense')?.id as string;
    const t = createTrainer({
      graph,
      dataset: data,
      hyper: tinyHyper({ optimizer: 'lbfgs', secondOrderBatch: 64 }),
      seed: 1,
    });
    t.setFrozen([asNodeId(hidden)], true);
    const w0 = await weightsOf(t);
    await t.trainBatches(3);
    const w1 = await weightsOf(t);
    for (const [name, v] of w0) {
      const same = Array.from(v).every((x, i) => x === (w1.get(name) as Float32Array)[i]);
      expect(same, name).toBe(name.startsWith(hidden));
    }
    t.dispose();
  });

  it('with every layer frozen a step reports the loss and changes nothing', async () => {
    const graph = tinyMlp();
    const t = createTrainer({
      graph,
      dataset: data,
      hyper: tinyHyper({ optimizer: 'cg', secondOrderBatch: 64 }),
      seed: 1,
    });
    t.setFrozen(
      graph.nodes.map((n) => asNodeId(n.id)),
      true,
    );
    const w0 = await weightsOf(t);
    const s = await t.trainBatches(2);
    expect(s.losses[0]).toBeGreaterThan(0);
    expect(s.losses[1]).toBe(s.losses[0]);
    expect(await weightsOf(t)).toEqual(w0);
    t.dispose();
  });

  it('switching optimizers mid-run (Adam → L-BFGS → CG → SGD), restoring and history changes leak nothing', async () => {
    const before = tf.memory().numTensors;
    const t = createTrainer({
      graph: tinyMlp(),
      dataset: data,
      hyper: tinyHyper({ secondOrderBatch: 32 }),
      seed: 1,
    });
    await t.trainBatches(2);
    t.setHyper({ optimizer: 'lbfgs' });
    await t.trainBatches(3);
    t.setHyper({ historySize: 2 });
    await t.trainBatches(2);
    const cp = await t.checkpoint();
    t.setHyper({ optimizer: 'cg' });
    await t.trainBatches(3);
    t.restore(cp);
    await t.trainBatches(1);
    t.setHyper({ optimizer: 'sgd' });
    await t.trainBatches(2);
    expect(t.step).toBe(13);
    t.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it(`refuses a model over ${SECOND_ORDER_MAX_PARAMS.toLocaleString('en-US')} trainable parameters, naming its count; freezing brings it under`, async () => {
    // 784·256 + 256 + 256·10 + 10 = 203,530 parameters.
    const graph = chain('classifier', [L.image(), L.flatten(), L.dense(256, 'relu'), L.dense(10, 'softmax')]);
    const t = createTrainer({
      graph,
      dataset: data,
      hyper: tinyHyper({ optimizer: 'cg', secondOrderBatch: 16 }),
      seed: 1,
    });
    const err = await t.trainBatches(1).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(SecondOrderRefusedError);
    expect((err as Error).message).toContain('203,530');
    expect((err as Error).message).toContain('Conjugate gradient');
    expect(t.step).toBe(0);
    const hidden = graph.nodes.find((n) => n.layer.kind === 'dense')?.id as string;
    t.setFrozen([asNodeId(hidden)], true); // 2,570 trainable left
    await t.trainBatches(1);
    expect(t.step).toBe(1);
    t.dispose();
  });
});
