import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTrainer } from './createTrainer';
import { NonFiniteError } from './trainer';
import { chain } from '../graph/edit';
import { L } from '../graph/layerBuilders';
import { tinyCnn, tinyData, tinyHyper } from './testGraphs';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const data = tinyData();

describe('createTrainer', () => {
  it('trains: loss falls on a small fixed set, stats have one entry per batch', async () => {
    const t = createTrainer({
      graph: tinyCnn(),
      dataset: tinyData(16, 16),
      hyper: tinyHyper({ batchSize: 16 }),
      seed: 1,
    });
    const first = await t.trainBatches(1);
    expect(first.losses.length).toBe(1);
    const later = await t.trainBatches(25);
    expect(later.losses.length).toBe(25);
    expect(later.accuracies.every((a) => a >= 0 && a <= 1)).toBe(true);
    expect(later.losses[24]).toBeLessThan((first.losses[0] as number) * 0.7);
    expect(t.step).toBe(26);
    expect(t.epoch).toBe(25);
    t.dispose();
  });

  it('same seed gives the same loss curve; another seed does not', async () => {
    const run = async (seed: number): Promise<Float32Array> => {
      const t = createTrainer({ graph: tinyCnn(), dataset: data, hyper: tinyHyper(), seed });
      const s = await t.trainBatches(6);
      t.dispose();
      return s.losses;
    };
    const a = await run(3);
    const b = await run(3);
    const c = await run(4);
    expect(Array.from(b)).toEqual(Array.from(a));
    expect(Array.from(c)).not.toEqual(Array.from(a));
  });

  it('does not leak tensors across create / train / setHyper / evaluate / checkpoint / export / dispose', async () => {
    const before = tf.memory().numTensors;
    const t = createTrainer({ graph: tinyCnn(), dataset: data, hyper: tinyHyper({ decay: 0.01 }), seed: 1 });
    await t.trainBatches(3);
    t.setHyper({ optimizer: 'momentum', batchSize: 8 });
    await t.trainBatches(2);
    t.setHyper({ optimizer: 'rmsprop' });
    await t.trainBatches(1);
    t.setHyper({ optimizer: 'adadelta' });
    await t.trainBatches(1);
    t.setHyper({ optimizer: 'sgd' });
    await t.trainBatches(1);
    await t.evaluate();
    const cp = await t.checkpoint();
    t.restore(cp);
    await t.exportModel();
    t.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects with a NonFiniteError naming a layer when the learning rate is absurd', async () => {
    // Softmax regression with a step near float32's limit: nothing can die (no ReLU), the logits overflow to ±Inf.
    const t = createTrainer({
      graph: chain('classifier', [L.image(), L.flatten(), L.dense(10, 'softmax')]),
      dataset: data,
      hyper: tinyHyper({ optimizer: 'sgd', learningRate: 1e38 }),
      seed: 1,
    });
    const err = await t.trainBatches(5).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(NonFiniteError);
    expect((err as NonFiniteError).node).not.toBeNull();
    expect((err as NonFiniteError).message).toMatch(/learning rate/);
    t.dispose();
  });

  it('evaluate reports loss and accuracy on the test split', async () => {
    const t = createTrainer({ graph: tinyCnn(), dataset: data, hyper: tinyHyper(), seed: 1 });
    const e = await t.evaluate(20);
    expect(e.loss).toBeGreaterThan(0);
    expect(e.accuracy).toBeGreaterThanOrEqual(0);
    expect(e.accuracy).toBeLessThanOrEqual(1);
    t.dispose();
  });

  it('checkpoint/restore brings the weights (and so the evaluation) back', async () => {
    const t = createTrainer({
      graph: tinyCnn(),
      dataset: data,
      hyper: tinyHyper({ learningRate: 0.05 }),
      seed: 1,
    });
    const cp = await t.checkpoint();
    const e0 = await t.evaluate();
    await t.trainBatches(3);
    expect((await t.evaluate()).loss).not.toBeCloseTo(e0.loss, 6);
    t.restore(cp);
    expect((await t.evaluate()).loss).toBeCloseTo(e0.loss, 6);
    t.dispose();
  });

  it('exported artifacts load with tf.loadLayersModel and predict the same', async () => {
    const t = createTrainer({ graph: tinyCnn(), dataset: data, hyper: tinyHyper(), seed: 1 });
    await t.trainBatches(2);
    const { modelJson, weights } = await t.exportModel();
    const json = JSON.parse(modelJson) as {
      modelTopology: object;
      weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
    };
    expect(json.weightsManifest[0]?.paths).toEqual(['weights.bin']);
    const loaded = await tf.loadLayersModel(
      tf.io.fromMemory(json.modelTopology, json.weightsManifest[0]?.weights, weights),
    );
    const p = await t.probe({ kind: 'predict', sample: { from: 'test', index: 3 } });
    const x = tf.tensor4d(
      Float32Array.from(data.test.images.subarray(3 * 784, 4 * 784), (v) => v / 255),
      [1, 28, 28, 1],
    );
    const y = loaded.predict(x) as tf.Tensor;
    const got = await y.data();
    if (p.kind !== 'predict') throw new Error('wrong probe kind');
    for (let i = 0; i < 10; i++) expect(got[i]).toBeCloseTo(p.probabilities[i] as number, 5);
    tf.dispose([x, y]);
    loaded.dispose();
    t.dispose();
  });
});
