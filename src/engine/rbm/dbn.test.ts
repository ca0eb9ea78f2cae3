import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { denseInitOf, pretrainDbn } from './dbn';
import { createRbm } from './rbm';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const PATTERNS = [
  [1, 1, 1, 0, 0, 0, 0, 0, 0],
  [0, 0, 0, 0, 0, 0, 1, 1, 1],
  [1, 0, 0, 1, 0, 0, 1, 0, 0],
  [0, 1, 0, 1, 1, 1, 0, 1, 0],
];

describe('DBN pretraining', () => {
  it('stacks RBMs greedily (layer 2 learns layer 1’s hidden probabilities), leaks nothing, and gives Dense weights', async () => {
    const data = tf.tensor2d(
      Array.from({ length: 64 }, (_, i) => PATTERNS[i % 4] as number[]),
      [64, 9],
    );
    const before = tf.memory().numTensors;
    const errors: number[] = [];
    const layers = await pretrainDbn(data, {
      layers: [8, 4],
      epochs: 60,
      batchSize: 16,
      learningRate: 0.5,
      seed: 3,
      onLayer: (_i, e) => errors.push(e),
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(layers.map((l) => [l.visible, l.hidden])).toEqual([
      [9, 8],
      [8, 4],
    ]);
    expect(errors).toHaveLength(2);
    for (const e of errors) expect(e).toBeLessThan(0.1);

    // Layer 2 reconstructs layer 1's features much better than an untrained RBM of its size.
    const first = createRbm({ visible: 9, hidden: 8, seed: 1 });
    first.importWeights(layers[0]!);
    const second = createRbm({ visible: 8, hidden: 4, seed: 1 });
    const untrained = createRbm({ visible: 8, hidden: 4, seed: 2 });
    second.importWeights(layers[1]!);
    const [trainedErr, untrainedErr] = tf.tidy(() => {
      const h = first.hiddenProbs(data);
      return [second.reconstructionError(h).dataSync()[0]!, untrained.reconstructionError(h).dataSync()[0]!];
    });
    expect(trainedErr).toBeLessThan(untrainedErr * 0.5);
    for (const r of [first, second, untrained]) r.dispose();

    const dense = denseInitOf(layers[0]!);
    expect(dense.kernelShape).toEqual([9, 8]);
    expect(dense.kernel).toBe(layers[0]!.W);
    expect(dense.bias).toBe(layers[0]!.c);
    data.dispose();
  });
});
